#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The screen model of every page, derived from the flow state by pure functions.
public enum Screens {
    /// The screen for `state`.
    public static func make(_ state: FlowState, _ context: FlowContext) -> Screen {
        var builder = ScreenBuilder(state, context)
        switch state.page {
        case .login: return builder.logIn()
        case .signup: return builder.signUp()
        case .mfaChoose: return builder.chooseMethod()
        case .enrollPushInstall: return builder.pushInstall()
        case .enrollPushQR: return builder.pushQR()
        case .enrollTOTP: return builder.totpEnrollment()
        case .enrollSMSNumber: return builder.smsNumber()
        case .enrollSMSCode: return builder.smsCode()
        case .recoveryShow: return builder.recoveryCode()
        case .home: return builder.home()
        case .invite: return builder.invite()
        case .inviteSent: return builder.inviteSent()
        case .profile: return builder.profile()
        case .profilePassword: return builder.profilePassword()
        case .profileMFA: return builder.profileMFA()
        case .profileDisable: return builder.profileDisable()
        case .challengeTOTP, .challengePushCode: return builder.codeChallenge()
        case .challengeSMS: return builder.smsChallenge()
        case .challengePush: return builder.pushChallenge()
        case .challengeChoose: return builder.chooseChallenge()
        case .challengeRecovery: return builder.recoveryChallenge()
        case .help: return builder.help()
        }
    }

    /// Where "Save to file" writes the recovery code unless told otherwise.
    public static let defaultRecoveryFile = "keepsafe-recovery-code.txt"

    /// The button Enter presses from a field of `page`.
    static func primaryAction(_ page: Page, field: String) -> String? {
        switch page {
        case .login: return "login"
        case .signup: return "signup"
        case .recoveryShow: return field == "path" ? "save" : nil
        case .invite: return "send"
        case .profilePassword: return "confirm"
        case .enrollTOTP, .enrollSMSNumber, .enrollSMSCode, .challengeTOTP, .challengeSMS, .challengePushCode,
            .challengeRecovery:
            return "continue"
        default: return nil
        }
    }

    /// Whole minutes left until `until`, at least 1.
    static func minutes(until: Date, now: Date) -> String {
        String(max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up))))
    }

    /// Whole seconds left until `until`, at least 1.
    static func seconds(until: Date, now: Date) -> String {
        String(max(1, Int(until.timeIntervalSince(now).rounded(.up))))
    }

    /// "Your device's clock looks about 30 s fast" (positive: fast).
    static func skewHint(_ seconds: Int, _ strings: Strings) -> String {
        strings.format(seconds > 0 ? "code.skewFast" : "code.skewSlow", ["seconds": String(abs(seconds))])
    }

    static func describe(_ problem: PasswordProblem, _ strings: Strings) -> String {
        switch problem {
        case .empty: return strings["password.empty"]
        case .tooShort(let minimum): return strings.format("password.tooShort", ["min": String(minimum)])
        case .tooLong(let maximum): return strings.format("password.tooLong", ["max": String(maximum)])
        case .common: return strings["password.common"]
        case .mismatch: return strings["password.mismatch"]
        }
    }

    static func describe(_ problem: PhoneNumber.Problem, country: Country, _ strings: Strings) -> String {
        switch problem {
        case .empty: return strings["sms.numberMissing"]
        case .notDigits: return strings["sms.numberDigits"]
        case .wrongLength(let got, let allowed):
            let lengths = allowed.map(String.init).joined(separator: ", ")
            return strings.format(
                "sms.numberLength", ["got": String(got), "lengths": lengths, "country": country.name])
        }
    }

    /// The name of a method in lists ("Authenticator app").
    static func methodLabel(_ kind: String, _ strings: Strings) -> String { strings["method.\(kind)"] }
}
