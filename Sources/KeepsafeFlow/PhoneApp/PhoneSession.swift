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
/// The session holds a `PhoneState` and runs the pure `PhoneFlow.reduce` on it, as the
/// portal's session runs `Flow.reduce`; it performs the effects the reducer asks for with
/// the `Phone` model (the channels and `phone/`) and feeds their answers back. It never
/// looks at a portal session, except through `scanner`, which returns what a portal on
/// the same screen currently displays as a QR code (the side-by-side view).
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

    private var phone: Phone
    private let emails: [String]
    private let scanner: (() -> String?)?
    private(set) var state: PhoneState
    private var requests: [TerminalRequest] = []

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
        self.emails = emails
        self.scanner = scanner
        state = PhoneState(
            numbers: numbers.isEmpty ? phone.numbers : numbers, allowsQuit: allowsQuit,
            hasScanner: scanner != nil, skew: phone.skew)
    }

    /// The page shown.
    public var currentPage: Page { state.page }

    /// The phone's clock skew in seconds.
    public var skew: TimeInterval { state.skew }

    public var isFinished: Bool { state.finished }

    // MARK: ScreenDriver

    public var screen: Screen { PhoneFlow.screen(state) }

    public func poll() { run([.poll]) }

    public func takeTerminalRequests() -> [TerminalRequest] {
        defer { requests = [] }
        return requests
    }

    public func send(_ key: Key) {
        if state.snapshot.portalTime.timeIntervalSince1970 == 0 { poll() }
        dispatch(.key(key))
    }

    // MARK: The loop

    /// Reduces `event`, performs the effects, and feeds their answers back.
    private func dispatch(_ event: PhoneEvent) {
        var queue = [event]
        while !queue.isEmpty {
            let (next, effects) = PhoneFlow.reduce(state, queue.removeFirst())
            state = next
            queue += effects.compactMap { perform($0).map(PhoneEvent.result) }
        }
    }

    private func run(_ effects: [PhoneEffect]) {
        for result in effects.compactMap(perform) { dispatch(.result(result)) }
    }

    /// Does what the reducer asked, with the phone model; nil when there is nothing to say.
    private func perform(_ effect: PhoneEffect) -> PhoneResult? {
        do {
            switch effect {
            case .poll:
                return .polled(PhoneSnapshot.read(phone, numbers: state.numbers, emails: emails))
            case .scan:
                guard let scanner else { return .noScanner }
                guard let payload = scanner() else { return .nothingToScan }
                return .added(try phone.add(uri: payload))
            case .add(let uri):
                return .added(try phone.add(uri: uri))
            case .nextCode(let label):
                return .nextCode(label: label, code: try phone.code(for: label))
            case .approve(let id, let number):
                try phone.approve(id, number: number)
                return .answered(approved: true)
            case .deny(let id):
                try phone.deny(id)
                return .answered(approved: false)
            case .setSkew(let seconds):
                phone = phone.with(skew: seconds)
                return .skewSet(seconds)
            case .bell:
                requests.append(.bell)
                return nil
            }
        } catch {
            // An answer that failed still shows where the request stands now.
            let answering = if case .approve = effect { true } else if case .deny = effect { true } else { false }
            return .failed("\(error)", pollAfter: answering)
        }
    }
}
