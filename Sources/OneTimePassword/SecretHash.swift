import Crypto

/// Storage form of short-lived or high-entropy secrets (SMS codes, recovery codes, trusted-device
/// tokens): a random 16-byte salt and HMAC-SHA256 keyed by it, as one self-describing string.
///
///     $hmac-sha256$<salt, base64 without padding>$<32-byte digest, base64>
///
/// These secrets are random, so a fast salted hash suffices; passwords use `PasswordHasher`.
/// Hash the exact form you will compare later (e.g. `RecoveryCode.normalized`).
public enum SecretHash {
    private static let scheme = "hmac-sha256"

    /// A salted hash of `secret` for storage.
    public static func make(_ secret: String) -> String {
        let salt = Secrets.bytes(16)
        return "$\(scheme)$\(Secrets.base64(salt))$\(Secrets.base64(digest(secret, salt: salt)))"
    }

    /// Whether `secret` is what `stored` was made from; the digests are compared in constant time.
    ///
    /// - Returns: `false` also when `stored` is malformed.
    public static func verify(_ secret: String, against stored: String) -> Bool {
        let fields = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0].isEmpty, fields[1] == scheme,
            let salt = Secrets.decodeBase64(fields[2]), !salt.isEmpty,
            let expected = Secrets.decodeBase64(fields[3]), expected.count == 32
        else { return false }
        return constantTimeEqual(digest(secret, salt: salt), expected)
    }

    private static func digest(_ secret: String, salt: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(secret.utf8), using: SymmetricKey(data: salt)))
    }
}
