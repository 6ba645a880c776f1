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
    /// "Change password": the current password and the new one twice; the second
    /// factor follows ("Confirm it's you").
    case changePassword
    /// "Remove a method": the methods to pick from; the second factor follows.
    case removeMethod

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
    /// The new password (its hash waits in the runtime) once the current password was
    /// right.
    case changePassword
    /// "Add a backup method": enrolling a method beside the others.
    case addBackup
    /// Removing the factor `id` (never the last one).
    case removeMethod(id: String)
}

extension Page {
    static let profile = Page("profile")
    static let profilePassword = Page("profile.password")
    static let profileMFA = Page("profile.mfa")
    static let profileDisable = Page("profile.disable")
    static let profileRegenerate = Page("profile.regenerate")
    static let profileVerify = Page("profile.verify")
    static let profileClock = Page("profile.clock")
    static let profileChangePassword = Page("profile.changePassword")
    static let profileRemoveMethod = Page("profile.removeMethod")
}

extension ProfileState {
    enum Control: String, ControlName {
        // The overview
        case mfa, home
        case changePassword
        // "Change password"
        case currentPassword, newPassword, confirmNewPassword, savePassword
        // Password re-entry
        case password, confirm, cancel
        // The two-factor page
        case methods, devices, change, number, regenerate, clock, disable, back
        case forgetDevices, addBackup, removeMethod
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
        case .changePassword: return .profileChangePassword
        case .removeMethod: return .profileRemoveMethod
        }
    }
}
