import KeepsafeBase
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Everything the phone's screens show and its keys change, as a value: the phone's
/// counterpart of the portal's `FlowState`. Only `PhoneFlow.reduce` changes it; the
/// session performs what the reducer asks (`PhoneEffect`) and feeds back the answers.
struct PhoneState {
    /// The numbers whose SMS the phone shows (informational; empty: every number).
    let numbers: [String]
    /// False when the phone is a pane that must not close on `q`.
    let allowsQuit: Bool
    /// Whether a portal beside the phone can be "scanned" (side by side).
    let hasScanner: Bool
    /// The phone's clock offset in seconds, shown in Settings.
    var skew: TimeInterval
    var page: PhoneSession.Page = .home
    /// Where `addAccount` and `help` return to.
    var returnPage: PhoneSession.Page = .home
    var form = FormState()
    var message: Message?
    var notice: PhoneSession.Notice?
    var openMail: String?
    /// What the last poll read from the store.
    var snapshot = PhoneSnapshot()
    /// What has been seen (`sms:ID`, `mail:ID`, `push:ID`): only new arrivals notify.
    var seen: Set<String> = []
    /// False until the first poll: what was in the store at start is not news.
    var primed = false
    var unread: [PhoneSession.Page: Int] = [:]
    var finished = false

    var currentPage: PhoneSession.Page { page }
}

/// What the phone asks of the world; the session performs it with the `Phone` model.
enum PhoneEffect: Sendable, Equatable {
    /// Read the store again (`PhoneResult.polled`).
    case poll
    /// What the portal beside the phone shows as a QR code, added as an account.
    case scan
    /// A scanned or pasted URI, or a typed push enrollment code.
    case add(String)
    /// The next code of an HOTP account.
    case nextCode(label: String)
    case approve(requestID: String, number: Int?)
    case deny(requestID: String)
    case setSkew(TimeInterval)
    /// Ring the terminal's bell.
    case bell
}

/// What came of an effect.
enum PhoneResult {
    case polled(PhoneSnapshot)
    case added(PhoneAccount)
    case noScanner
    case nothingToScan
    case nextCode(label: String, code: String)
    case answered(approved: Bool)
    case skewSet(TimeInterval)
    /// The model refused (its one-line error).
    case failed(String, pollAfter: Bool)
}

/// What reaches the phone's reducer.
enum PhoneEvent {
    case key(Key)
    case result(PhoneResult)
}
