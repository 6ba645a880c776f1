/// Which page the portal shows: the screen's stable id (`login`, `enroll.totp`, ...),
/// for tests, recordings and the asset checks. Each feature and each method declares
/// its own pages in its folder.
public struct Page: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// Every page: the features' and every registered method's.
    public static var allCases: [Page] {
        [
            .login, .signup, .passwordForgot, .passwordReset, .mfaChoose, .recoveryShow, .home, .invite, .inviteSent, .profile,
            .profilePassword, .profileMFA, .profileDisable, .profileVerify, .profileClock, .profileChangePassword, .profileRemoveMethod, .mailVerify,
            .challengeChoose, .challengeRecovery, .help, .helpAccount,
        ] + Methods.all.flatMap { $0.pages }
    }
}
