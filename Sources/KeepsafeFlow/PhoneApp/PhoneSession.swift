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
    }

    var phone: Phone
    let numbers: [String]
    let emails: [String]
    let scanner: (() -> String?)?
    let allowsQuit: Bool
    var page: Page = .home
    /// Where `addAccount` and `help` return to.
    var returnPage: Page = .home
    var form = PhoneForm()
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
        if case .field(let field)? = focused, field.editable {
            if key == .enter {
                submit(from: field.id)
            } else if !form.edit(field, key) {
                navigate(key, current)
            }
            return
        }
        switch key {
        case .help, .character("?"):
            open(.help)
        case .escape:
            back()
        case .character("q") where allowsQuit && page == .home:
            isFinished = true
        case .character(let character) where character.isASCII && character.isNumber:
            let apps: [Page] = [.authenticator, .messages, .mail, .push, .settings]
            if let digit = character.wholeNumberValue, (1...apps.count).contains(digit) {
                open(apps[digit - 1])
            }
        case .enter, .space:
            switch focused {
            case .button(let button)?, .link(let button)?: if button.enabled { activate(button.id) }
            case .banner(let banner)?: activate(banner.id)
            case .list(let list)?:
                if let index = list.selected, list.items.indices.contains(index) {
                    activateItem(list: list.id, item: list.items[index].id)
                }
            default: break
            }
        default:
            if case .list(let list)? = focused, moveSelection(list, key) { return }
            navigate(key, current)
        }
    }

    /// Tab / Down forward, Shift-Tab / Up backward over the focusable elements.
    private func navigate(_ key: Key, _ current: Screen) {
        let ids = current.elements.compactMap(\.focusID)
        guard !ids.isEmpty else { return }
        let index = current.focus.flatMap { ids.firstIndex(of: $0) } ?? 0
        switch key {
        case .tab, .down: form.focus = ids[(index + 1) % ids.count]
        case .backTab, .up: form.focus = ids[(index - 1 + ids.count) % ids.count]
        default: break
        }
    }

    /// Up and Down inside a list move its selection; at an end they leave the list.
    private func moveSelection(_ list: ListBox, _ key: Key) -> Bool {
        let selected = list.selected ?? 0
        switch key {
        case .up where selected > 0: form.selections[list.id] = selected - 1
        case .down where selected + 1 < list.items.count: form.selections[list.id] = selected + 1
        case .home: form.selections[list.id] = 0
        case .end: form.selections[list.id] = max(0, list.items.count - 1)
        case .character(let character) where Sanitizer.isTypeable(character):
            form.filters[list.id, default: ""].append(character)
            form.selections[list.id] = 0
        case .backspace:
            guard !(form.filters[list.id] ?? "").isEmpty else { return false }
            form.filters[list.id]?.removeLast()
            form.selections[list.id] = 0
        default: return false
        }
        return true
    }

    // MARK: Pages

    /// Shows `target` with a fresh form (the notice stays until dismissed or opened).
    func open(_ target: Page) {
        if target == .addAccount || target == .help { returnPage = page == .help ? .home : page }
        page = target
        form = PhoneForm()
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
                Notice(text: "Log-in request for \(prompt.request.account): Approve or Deny?", page: .push))
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
