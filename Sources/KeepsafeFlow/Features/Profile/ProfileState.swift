/// F6 My Profile and its "Two-Factor Authentication" pages (behind password re-entry),
/// with "Confirm it's you" before a change and the guided clock check.
enum ProfileState: Sendable, Equatable {
    case overview
    /// The password again, before the two-factor page.
    case password
    case twoFactor
    /// "Disable MFA?": the warning before the step-up.
    case disable
    /// "Make a new recovery code?": the old code stops working, so it is asked first.
    case regenerate
    /// "Confirm it's you": the current second factor or the recovery code, before `target`.
    case stepUp(StepUp)
    /// "Check my phone's clock": two consecutive authenticator codes.
    case clock

    struct StepUp: Sendable, Equatable {
        var target: StepUpTarget
        /// The code sent when the current factor is SMS (nil until sent).
        var sms: SMSProgress?
    }
}

/// What "Confirm it's you" unlocks once the second factor is confirmed.
public enum StepUpTarget: Sendable, Equatable {
    case changeMethod
    case changeNumber
    case disable
}

extension Page {
    static let profile = Page("profile")
    static let profilePassword = Page("profile.password")
    static let profileMFA = Page("profile.mfa")
    static let profileDisable = Page("profile.disable")
    static let profileRegenerate = Page("profile.regenerate")
    static let profileVerify = Page("profile.verify")
    static let profileClock = Page("profile.clock")
}

extension ProfileState {
    enum Control: String, ControlName {
        // The overview
        case mfa, home
        // Password re-entry
        case password, confirm, cancel
        // The two-factor page
        case methods, devices, change, number, regenerate, clock, disable, back
        // "Confirm it's you" and the clock check
        case code, resend, first, next, check
        case continueOn = "continue"
    }

    var page: Page {
        switch self {
        case .overview: return .profile
        case .password: return .profilePassword
        case .twoFactor: return .profileMFA
        case .disable: return .profileDisable
        case .regenerate: return .profileRegenerate
        case .stepUp: return .profileVerify
        case .clock: return .profileClock
        }
    }
}
