import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The simulated phone's screens as a `ScreenDriver`: a home screen with the apps
/// (Authenticator, Messages, Mail, Push, Settings), live codes with a countdown, SMS and
/// mail newest first, push prompts with Approve / Deny, and notifications that appear by
/// themselves when `poll()` finds something new in the store.
///
/// It reads and writes only what the `Phone` model does (the channels and `phone/`);
/// it never looks at a portal session, except through `scanner`, which returns what a
/// portal on the same screen currently displays as a QR code (the side-by-side view).
///
///     let session = PhoneSession(phone: Phone(store: store, clock: SystemClock()))
///     session.poll()
///     session.send(.character("1"))   // the authenticator
public final class PhoneSession: ScreenDriver {
    /// The phone's apps and pages.
    public enum Page: String, Sendable, Equatable, CaseIterable {
        case home, authenticator, addAccount, messages, mail, mailMessage, push, settings, help
    }

    /// A notification shown as a banner until dismissed or opened.
    struct Notice: Equatable {
        var text: String
        var page: Page
        /// For a push prompt: its request, so that the banner goes once it is answered.
        var requestID: String?
    }

    var phone: Phone
    let numbers: [String]
    let emails: [String]
    let scanner: (() -> String?)?
    let allowsQuit: Bool
    var page: Page = .home
    /// Where `addAccount` and `help` return to.
    var returnPage: Page = .home
    var form = FormState()
    var message: Message?
    var notice: Notice?
    var openMail: String?
    var snapshot = PhoneSnapshot()
    private var seen: Set<String> = []
    private var primed = false
    var unread: [Page: Int] = [:]
    var requests: [TerminalRequest] = []
    public private(set) var isFinished = false

    /// - Parameters:
    ///   - phone: the phone model (its store, clock, skew and name).
    ///   - numbers: the E.164 numbers it receives SMS for; empty: every number (a demo phone).
    ///   - emails: the addresses whose mail it shows; empty: every address.
    ///   - scanner: what the portal beside it shows as a QR code, if any (side by side).
    ///   - allowsQuit: false when the phone is a pane that must not close on `q`.
    public init(
        phone: Phone, numbers: [String] = [], emails: [String] = [], scanner: (() -> String?)? = nil,
        allowsQuit: Bool = true
    ) {
        self.phone = phone
        self.numbers = numbers.isEmpty ? phone.numbers : numbers
        self.emails = emails
        self.scanner = scanner
        self.allowsQuit = allowsQuit
    }

    /// The page shown now (tests and the side-by-side view look at it).
    public var currentPage: Page { page }

    /// The phone's clock skew in seconds.
    public var skew: TimeInterval { phone.skew }

    // MARK: ScreenDriver

    public var screen: Screen {
        var screen = PhoneScreens.make(self)
        let ids = screen.elements.compactMap(\.focusID)
        screen.focus = form.focus.flatMap { ids.contains($0) ? $0 : nil } ?? ids.first
        return screen
    }

    public func poll() {
        snapshot = PhoneSnapshot.read(phone, numbers: numbers, emails: emails)
        noticeNewArrivals()
    }

    public func takeTerminalRequests() -> [TerminalRequest] {
        defer { requests = [] }
        return requests
    }

    public func send(_ key: Key) {
        if snapshot.portalTime.timeIntervalSince1970 == 0 { poll() }
        let current = screen
        let focused = current.focus.flatMap { id in current.elements.first { $0.focusID == id } }
        var editing = false
        if case .field(let field)? = focused { editing = field.editable }
        // The phone's own keys, outside a field: Help, Back, quit, the apps by number,
        // and Space picking a list item like Enter.
        if !editing {
            switch key {
            case .help, .character("?"):
                open(.help)
                return
            case .escape:
                back()
                return
            case .character("q") where allowsQuit && page == .home:
                isFinished = true
                return
            case .character(let character) where character.isASCII && character.isNumber:
                let apps: [Page] = [.authenticator, .messages, .mail, .push, .settings]
                if let digit = character.wholeNumberValue, (1...apps.count).contains(digit) {
                    open(apps[digit - 1])
                }
                return
            case .space:
                if case .list(let list)? = focused {
                    if let index = list.selected, list.items.indices.contains(index) {
                        activateItem(list: list.id, item: list.items[index].id)
                    }
                    return
                }
            default: break
            }
        }
        // Everything else is the form engine's, as in the portal.
        switch FormEngine.handle(key, on: focused, form: &form) {
        case .none: break
        case .moveFocus(let step):
            form.focus = FormEngine.focus(after: current.focus, by: step, in: current.elements.compactMap(\.focusID))
        case .submit(let field): submit(from: field)
        case .press(let button): if button.enabled { activate(button.id) }
        case .activate(let id): activate(id)
        case .activateItem(let list, let item): activateItem(list: list, item: item)
        }
    }

    // MARK: Pages

    /// Shows `target` with a fresh form (the notice stays until dismissed or opened).
    func open(_ target: Page) {
        if target == .addAccount || target == .help { returnPage = page == .help ? .home : page }
        page = target
        form = FormState()
        message = nil
        unread[target] = nil
        if target == .mail || target == .mailMessage { unread[.mail] = nil }
        if let notice, notice.page == target { self.notice = nil }
    }

    func back() {
        switch page {
        case .home: break
        case .mailMessage: open(.mail)
        case .addAccount, .help: open(returnPage)
        default: open(.home)
        }
    }

    // MARK: Notifications

    /// Marks what the last poll found that the phone had not seen: a banner, a badge and
    /// the bell. What was already in the store when the phone started is not news.
    private func noticeNewArrivals() {
        // A prompt answered (here, by the command line, or by expiry) asks nothing any more.
        if let id = notice?.requestID,
            !snapshot.prompts.contains(where: { $0.request.id == id && $0.state == .pending })
        {
            notice = nil
        }
        var fresh: [Notice] = []
        for message in snapshot.sms where !seen.contains("sms:" + message.id) {
            seen.insert("sms:" + message.id)
            fresh.append(Notice(text: "SMS to \(message.to): \(message.body)", page: .messages))
        }
        for mail in snapshot.mail where !seen.contains("mail:" + mail.id) {
            seen.insert("mail:" + mail.id)
            fresh.append(Notice(text: "Mail: \(mail.subject)", page: .mail))
        }
        for prompt in snapshot.prompts
        where prompt.state == .pending && !seen.contains("push:" + prompt.request.id) {
            seen.insert("push:" + prompt.request.id)
            fresh.append(
                Notice(
                    text: "Log-in request for \(prompt.request.account): Approve or Deny?", page: .push,
                    requestID: prompt.request.id))
        }
        guard primed else {
            primed = true
            return
        }
        guard !fresh.isEmpty else { return }
        for item in fresh where item.page != page { unread[item.page, default: 0] += 1 }
        // The newest arrival is the one worth a banner; a push prompt beats a message.
        notice = fresh.first { $0.page == .push } ?? fresh.first
        requests.append(.bell)
    }
}
