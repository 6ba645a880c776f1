/// Which page the portal shows. The raw value is the screen's stable id.
public enum Page: String, Sendable, Equatable, CaseIterable {
    case login = "login"
    case signup = "signup"
    case mfaChoose = "mfa.choose"
    case enrollPushInstall = "enroll.push.install"
    case enrollPushQR = "enroll.push.qr"
    case enrollTOTP = "enroll.totp"
    case enrollSMSNumber = "enroll.sms.number"
    case enrollSMSCode = "enroll.sms.code"
    case recoveryShow = "recovery.show"
    case home = "home"
    case invite = "invite"
    case inviteSent = "invite.sent"
    case profile = "profile"
    case profilePassword = "profile.password"
    case profileMFA = "profile.mfa"
    case profileDisable = "profile.disable"
    /// "Confirm it's you": the current second factor or the recovery code, before a
    /// method is changed or MFA disabled.
    case profileVerify = "profile.verify"
    /// "Check my phone's clock": two consecutive authenticator codes.
    case profileClock = "profile.clock"
    /// The code mailed to the account, before enrolling again after a disable or reset.
    case mailVerify = "verify.mail"
    case challengeTOTP = "challenge.totp"
    case challengeSMS = "challenge.sms"
    case challengePush = "challenge.push"
    case challengePushCode = "challenge.push.code"
    case challengeChoose = "challenge.choose"
    case challengeRecovery = "challenge.recovery"
    case help = "help"

    /// Pages of the challenge at log-in (the account is not yet logged in there).
    var isChallenge: Bool { rawValue.hasPrefix("challenge.") }
}
