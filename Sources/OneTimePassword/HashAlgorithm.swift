import Crypto

/// The HMAC hash function of an HOTP or TOTP generator (RFC 4226, RFC 6238).
///
/// The raw values are the spellings of the `algorithm` parameter in otpauth URIs.
public enum HashAlgorithm: String, Sendable, Codable, CaseIterable {
    case sha1 = "SHA1"
    case sha256 = "SHA256"
    case sha512 = "SHA512"

    /// Parses an otpauth `algorithm` value, ignoring case and an optional dash (`sha-256`).
    ///
    /// - Returns: `nil` for anything other than SHA1, SHA256 or SHA512.
    public init?(parameter: String) {
        let folded = parameter.uppercased().replacing("-", with: "")
        self.init(rawValue: folded)
    }

    /// The HMAC of `message` under `key`.
    ///
    /// - Complexity: O(key + message).
    func authenticationCode(for message: [UInt8], key: SymmetricKey) -> [UInt8] {
        switch self {
        case .sha1:
            return Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256:
            return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512:
            return Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
    }
}
