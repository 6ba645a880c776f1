/// Why an HOTP or TOTP generator could not be made from its parameters.
public enum OTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The secret has no bytes.
    case emptySecret
    /// `digits` is outside 6...8.
    case digitsOutOfRange(Int)
    /// `period` is below one second.
    case periodOutOfRange(Int)

    /// The range of code lengths this module supports (RFC 4226 requires at least 6).
    public static let supportedDigits = 6...8

    public var description: String {
        switch self {
        case .emptySecret:
            return "the secret is empty"
        case .digitsOutOfRange(let digits):
            return "digits must be 6, 7 or 8, not \(digits)"
        case .periodOutOfRange(let period):
            return "the period must be at least 1 second, not \(period)"
        }
    }
}
