import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Everything the portal flow remembers between two events. A value: `Flow.reduce`
/// makes the next one, and `Screens.make` draws it.
public struct FlowState: Sendable, Equatable {
    /// Where the portal is, with what that screen needs.
    var portal: PortalState = .entry(.logIn)
    /// The editable part of the page (values, cursors, checks, selections, focus).
    public var form = FormState()
    /// Messages about the last action, shown on the current page.
    public var messages: [Message] = []
    /// True once the user has quit.
    public var finished = false
    /// The session was opened by `keepsafe enroll` for a user the operating system has
    /// already authenticated: it ends once enrollment and the recovery-code gate are
    /// done (where the portal would go home), or at "Log out".
    public var systemEnrollment = false

    public init() {}

    /// The page shown.
    public var page: Page { portal.feature.page }
    /// The account whose password was accepted (nil before that).
    public var account: AccountSummary? { portal.account }
    /// True once the second factor (or enrollment) is done: home, profile, invite.
    public var signedIn: Bool { portal.signedIn }
    /// The number the push challenge on screen asks the phone to match, if any.
    public var numberToMatch: Int? {
        guard case .challenge(_, let challenge) = portal,
            let push = challenge.method?.base as? PushChallenge
        else { return nil }
        return push.request?.numberToMatch
    }
}

/// Where the portal is: one case per feature, each carrying only what its screens
/// need. Every case after the password carries the account.
indirect enum PortalState: Sendable, Equatable {
    /// Log in and sign up.
    case entry(EntryState)
    /// "Forgot password?": the mailed code and the new password (not signed in).
    case passwordReset(PasswordResetState)
    /// The code mailed to the account, before enrolling again.
    case mailbox(AccountSummary, MailboxState)
    /// "Keep Your Account Safe": the method list and one method's enrollment.
    case enrollment(AccountSummary, EnrollmentState)
    /// The second factor at log-in.
    case challenge(AccountSummary, ChallengeState)
    /// A new recovery code, shown once.
    case recoveryCode(AccountSummary, RecoveryCodeState)
    case home(AccountSummary, HomeState)
    case invite(AccountSummary, InviteState)
    /// My Profile and its two-factor pages.
    case profile(AccountSummary, ProfileState)
    case help(HelpState)

    /// The feature that draws the current screen and takes its events.
    var feature: any ScreenFeature {
        switch self {
        case .entry(let state): return state
        case .passwordReset(let state): return state
        case .mailbox(_, let state): return state
        case .enrollment(_, let state): return state.feature
        case .challenge(_, let state): return state.feature
        case .recoveryCode(_, let state): return state
        case .home(_, let state): return state
        case .invite(_, let state): return state
        case .profile(_, let state): return state
        case .help(let state): return state
        }
    }

    var account: AccountSummary? {
        switch self {
        case .entry, .passwordReset: return nil
        case .mailbox(let account, _), .enrollment(let account, _), .challenge(let account, _),
            .recoveryCode(let account, _), .home(let account, _), .invite(let account, _),
            .profile(let account, _):
            return account
        case .help(let help): return help.returnTo.account
        }
    }

    /// The same place with the account replaced (a change the runtime reported).
    func with(account: AccountSummary) -> PortalState {
        switch self {
        case .entry, .passwordReset: return self
        case .mailbox(_, let state): return .mailbox(account, state)
        case .enrollment(_, let state): return .enrollment(account, state)
        case .challenge(_, let state): return .challenge(account, state)
        case .recoveryCode(_, let state): return .recoveryCode(account, state)
        case .home(_, let state): return .home(account, state)
        case .invite(_, let state): return .invite(account, state)
        case .profile(_, let state): return .profile(account, state)
        case .help(var help):
            help.returnTo = help.returnTo.with(account: account)
            return .help(help)
        }
    }

    /// True once the second factor (or enrollment) is done.
    var signedIn: Bool {
        switch self {
        case .entry, .passwordReset, .challenge: return false
        case .mailbox(_, let state): return state.signedIn
        case .enrollment(_, let state): return state.purpose != .initial
        case .recoveryCode, .home, .invite, .profile: return true
        case .help(let help): return help.returnTo.signedIn
        }
    }
}
