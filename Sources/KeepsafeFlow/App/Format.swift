import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The wording of numbers and problems that several features show.
enum Format {
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
    static func methodLabel(_ kind: Factor.Kind, _ strings: Strings) -> String { strings["method.\(kind.rawValue)"] }
}
