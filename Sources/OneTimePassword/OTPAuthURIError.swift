/// Why an otpauth URI was refused; each message names the part at fault.
public enum OTPAuthURIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text does not start with `otpauth://`.
    case notOTPAuth
    /// The type after `otpauth://` is not `totp` or `hotp`.
    case unsupportedType(String)
    /// The label (`Issuer:account`) has no account name.
    case missingAccount
    /// The label has no `Issuer:` prefix where one is required (push enrollment).
    case missingLabelIssuer
    /// A `%` escape that is not two hex digits, or escapes that are not UTF-8.
    case invalidPercentEncoding(part: String)
    /// A colon inside the issuer or the account name (the label could not be split back).
    case colonInLabel(part: String)
    /// An account name that starts with a space: the label drops spaces before the account.
    case leadingSpaceInAccount
    /// The label's issuer prefix and the `issuer` parameter differ.
    case issuerMismatch(label: String, parameter: String)
    /// A parameter given twice.
    case duplicateParameter(String)
    /// A required parameter is absent (`secret`; `counter` for HOTP; the enrollment fields).
    case missingParameter(String)
    /// The secret is not Base32.
    case invalidSecret(Base32Error)
    /// The secret decodes to no bytes.
    case emptySecret
    /// `algorithm` is not SHA1, SHA256 or SHA512.
    case unsupportedAlgorithm(String)
    /// `digits` is not 6, 7 or 8.
    case invalidDigits(String)
    /// `period` is not a whole number of seconds, 1 or more.
    case invalidPeriod(String)
    /// `counter` is not a whole number 0...2^64-1.
    case invalidCounter(String)
    /// An operation needed the other kind (`totp()` on an HOTP URI).
    case wrongKind(expected: String)
    /// A push enrollment parameter is present but unusable (empty, or `base_url` not http(s)).
    case invalidParameter(name: String, reason: String)

    public var description: String {
        switch self {
        case .notOTPAuth: return "not an otpauth URI: it must start with otpauth://"
        case .unsupportedType(let type):
            return "unsupported otpauth type '\(Self.shown(type))': use totp or hotp"
        case .missingAccount: return "the label has no account name (otpauth://totp/Issuer:account)"
        case .missingLabelIssuer: return "the label has no issuer prefix (otpauth://totp/Issuer:account)"
        case .invalidPercentEncoding(let part): return "bad percent-encoding in the \(part)"
        case .colonInLabel(let part): return "the \(part) must not contain a colon"
        case .leadingSpaceInAccount: return "the account name must not start with a space"
        case .issuerMismatch(let label, let parameter):
            return "the label's issuer '\(Self.shown(label))' differs from issuer='\(Self.shown(parameter))'"
        case .duplicateParameter(let name): return "parameter '\(Self.shown(name))' is given twice"
        case .missingParameter(let name): return "parameter '\(name)' is missing"
        case .invalidSecret(let error): return "secret: \(error)"
        case .emptySecret: return "secret: the secret is empty"
        case .unsupportedAlgorithm(let value):
            return "algorithm '\(Self.shown(value))' is not SHA1, SHA256 or SHA512"
        case .invalidDigits(let value): return "digits '\(Self.shown(value))' must be 6, 7 or 8"
        case .invalidPeriod(let value):
            return "period '\(Self.shown(value))' must be a whole number of seconds, 1 or more"
        case .invalidCounter(let value):
            return "counter '\(Self.shown(value))' must be a whole number, 0 or more"
        case .wrongKind(let expected): return "this is not a \(expected) URI"
        case .invalidParameter(let name, let reason): return "parameter '\(name)': \(reason)"
        }
    }

    /// User text made safe for a terminal: control characters escaped, long values cut.
    static func shown(_ text: String) -> String {
        let escaped = text.unicodeScalars.map { scalar -> String in
            scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                ? scalar.escaped(asASCII: true) : String(scalar)
        }.joined()
        return escaped.count > 64 ? String(escaped.prefix(64)) + "…" : escaped
    }
}
