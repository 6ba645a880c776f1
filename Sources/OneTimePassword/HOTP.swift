import Crypto

/// An HMAC-based one-time password generator (RFC 4226), with the hash functions RFC 6238 adds.
///
///     let hotp = try HOTP(secret: Array("12345678901234567890".utf8))
///     hotp.code(counter: 0)  // "755224"
public struct HOTP: Sendable {
    /// The shared secret; never empty.
    public let secret: [UInt8]
    /// The HMAC hash function.
    public let algorithm: HashAlgorithm
    /// The code length, 6...8.
    public let digits: Int
    private let key: SymmetricKey

    /// Makes a generator.
    ///
    /// - Parameters:
    ///   - secret: the shared secret, at least one byte (RFC 4226 recommends 20).
    ///   - algorithm: the HMAC hash function.
    ///   - digits: the code length, 6...8.
    /// - Throws: `OTPError.emptySecret` or `OTPError.digitsOutOfRange`.
    public init(secret: [UInt8], algorithm: HashAlgorithm = .sha1, digits: Int = 6) throws {
        guard !secret.isEmpty else { throw OTPError.emptySecret }
        guard OTPError.supportedDigits.contains(digits) else { throw OTPError.digitsOutOfRange(digits) }
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        self.key = SymmetricKey(data: secret)
    }

    /// The code for `counter`, zero-padded to `digits` characters.
    public func code(counter: UInt64) -> String {
        let value = Self.truncatedValue(secretKey: key, algorithm: algorithm, counter: counter)
        return Self.format(value, digits: digits)
    }

    /// RFC 4226 section 5.3: HMAC over the big-endian counter, then dynamic truncation to 31 bits.
    static func truncatedValue(secretKey: SymmetricKey, algorithm: HashAlgorithm, counter: UInt64) -> UInt32 {
        var message = [UInt8](repeating: 0, count: 8)
        for index in 0..<8 {
            message[index] = UInt8(truncatingIfNeeded: counter >> UInt64(56 - 8 * index))
        }
        let mac = algorithm.authenticationCode(for: message, key: secretKey)
        let offset = Int(mac[mac.count - 1] & 0x0f)
        return (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
    }

    /// The low `digits` decimal digits of `value`, zero-padded.
    static func format(_ value: UInt32, digits: Int) -> String {
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(value % modulus)
        return String(repeating: "0", count: digits - text.count) + text
    }
}
