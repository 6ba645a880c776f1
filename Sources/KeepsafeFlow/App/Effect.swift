import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Something `reduce` asks the runtime to do: store transactions, messages, the
/// clipboard. Each produces an `EffectResult` event (except the terminal ones).
public enum Effect: Sendable, Equatable {
    case logIn(email: String, password: String)
    /// "Forgot password?": mails a reset code if an account uses the address.
    case requestPasswordReset(email: String)
    /// Sets a new password with the mailed reset code.
    case resetPassword(email: String, code: String, newPassword: String)
    case lookUpInvitation(email: String)
    case signUp(email: String, displayName: String, company: String, password: String)
    /// Creates a pending TOTP or push factor with a fresh secret.
    case beginEnrollment(Factor.Kind)
    case confirmTOTPEnrollment(factorID: String, code: String)
    /// Creates or updates the pending SMS factor and sends it a code.
    case sendEnrollmentSMS(number: String, purpose: EnrollmentPurpose)
    case confirmSMSEnrollment(factorID: String, code: String, purpose: EnrollmentPurpose)
    case checkPushEnrollment(factorID: String, transactionID: String)
    case dismissAnnouncement
    case sendInvite(email: String)
    case confirmPassword(String)
    /// "Change password": checks the current password and keeps the new one's hash in
    /// the session until the second factor is confirmed.
    case beginPasswordChange(current: String, new: String)
    /// Sets the password kept by `beginPasswordChange` (after "Confirm it's you").
    case changePassword
    case setPreferredFactor(id: String)
    case regenerateRecoveryCode
    case revokeTrustedDevice(id: String)
    /// "Forget all devices": every remembered device asks for the second factor again.
    case forgetAllDevices
    case disableMFA
    /// After "Confirm it's you" for "Add a backup method": the next enrollment adds a
    /// method beside the others and leaves the preferred one.
    case beginBackupEnrollment
    /// Removes a factor (never the last one), after "Confirm it's you".
    case removeFactor(id: String)
    /// Checks the current second factor's code (or the recovery code) before a change.
    case verifyStepUp(code: String)
    /// Compares two consecutive authenticator codes with the portal's clock.
    case checkPhoneClock(first: String, next: String)
    /// Mails a one-time code to the signed-in account's address.
    case sendMailboxCode
    case verifyMailboxCode(String)
    /// SMS: sends a code; push: creates a log-in request; TOTP: nothing to do.
    case startChallenge(factorID: String)
    case verifyChallengeCode(factorID: String, code: String, remember: Bool)
    case checkPushLogin(requestID: String, remember: Bool)
    case verifyRecoveryCode(String, remember: Bool)
    case copyToClipboard(String)
    /// Writes `text` to `path` (tilde expanded, relative to the working folder), readable
    /// by the owner only; an existing file is replaced only with `replacing`.
    case saveToFile(path: String, text: String, replacing: Bool)
    case logOut
    case quit
}
