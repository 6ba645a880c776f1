import Crypto
import CryptoExtras
import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Password hashing with PBKDF2-HMAC-SHA256 (BoringSSL through swift-crypto's CryptoExtras).
///
/// A hash is one self-describing string in the PHC format, so the cost can be raised later
/// while older hashes keep verifying:
///
///     $pbkdf2-sha256$i=600000$<salt, base64 without padding>$<32-byte hash, base64>
///
/// Passwords are NFC-normalised first (the same password typed on two keyboards hashes the
/// same) and never truncated; they are 1...256 characters.
public struct PasswordHasher: Sendable {
    /// The default cost: 600,000 iterations (OWASP's figure for PBKDF2-HMAC-SHA256).
    public static let defaultIterations = 600_000
    /// The longest password accepted, in characters after normalisation.
    public static let maximumLength = 256
    /// The highest iteration count `verify` will run, so a tampered record cannot stall a login.
    public static let maximumIterations = 50_000_000

    /// Iterations for new hashes, 1...`maximumIterations`.
    public let iterations: Int
    /// Salt length for new hashes in bytes, 8...64.
    public let saltByteCount: Int
    private static let hashByteCount = 32

    /// Makes a hasher.
    ///
    /// - Parameters:
    ///   - iterations: the cost; keep the default except where a store's policy lowers it for
    ///     tests or demos. Clamped to 1...`maximumIterations`.
    ///   - saltByteCount: random salt bytes per hash; clamped to 8...64.
    public init(iterations: Int = defaultIterations, saltByteCount: Int = 16) {
        self.iterations = max(1, min(iterations, Self.maximumIterations))
        self.saltByteCount = max(8, min(saltByteCount, 64))
    }

    /// Hashes `password` with a fresh random salt.
    ///
    /// - Throws: `PasswordHashError.empty` or `.tooLong` (over 256 characters).
    public func hash(_ password: String) throws -> String {
        let normalized = try Self.normalize(password)
        let salt = Secrets.bytes(saltByteCount)
        let derived = try Self.derive(
            normalized, salt: salt, algorithm: .sha256, iterations: iterations,
            byteCount: Self.hashByteCount)
        return
            "$\(PHCAlgorithm.sha256.rawValue)$i=\(iterations)$\(Secrets.base64(salt))$\(Secrets.base64(derived))"
    }

    /// Whether `password` matches `encoded`, whatever cost and salt length `encoded` was made with.
    ///
    /// An empty or over-long password is simply not a match. The comparison is constant time.
    ///
    /// - Throws: `PasswordHashError.malformed` when `encoded` is not a hash this type understands.
    public static func verify(_ password: String, against encoded: String) throws -> Bool {
        let parsed = try Encoded(parsing: encoded)
        guard let normalized = try? normalize(password) else { return false }
        let derived = try derive(
            normalized, salt: parsed.salt, algorithm: parsed.algorithm,
            iterations: parsed.iterations, byteCount: parsed.hash.count)
        return constantTimeEqual(derived, parsed.hash)
    }

    /// Whether `encoded` should be replaced by a new hash at next login: it is malformed, uses
    /// another algorithm, fewer than `iterations`, or a salt shorter than 16 bytes.
    public static func needsRehash(_ encoded: String, iterations: Int) -> Bool {
        guard let parsed = try? Encoded(parsing: encoded) else { return true }
        return parsed.algorithm != .sha256 || parsed.iterations < iterations || parsed.salt.count < 16
    }

    /// NFC, then the length rules.
    static func normalize(_ password: String) throws -> [UInt8] {
        let normalized = password.nfc
        guard !normalized.isEmpty else { throw PasswordHashError.empty }
        guard normalized.count <= maximumLength else { throw PasswordHashError.tooLong(normalized.count) }
        return Array(normalized.utf8)
    }

    private static func derive(
        _ password: [UInt8], salt: [UInt8], algorithm: PHCAlgorithm, iterations: Int, byteCount: Int
    ) throws -> [UInt8] {
        let function: KDF.Insecure.PBKDF2.HashFunction = algorithm == .sha256 ? .sha256 : .sha512
        do {
            let key = try KDF.Insecure.PBKDF2.deriveKey(
                from: password, salt: salt, using: function, outputByteCount: byteCount,
                unsafeUncheckedRounds: iterations)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw PasswordHashError.derivationFailed(String(describing: error))
        }
    }

    /// The PBKDF2 variants `verify` understands.
    enum PHCAlgorithm: String {
        case sha256 = "pbkdf2-sha256"
        case sha512 = "pbkdf2-sha512"
    }

    /// The fields of a PHC string.
    struct Encoded {
        var algorithm: PHCAlgorithm
        var iterations: Int
        var salt: [UInt8]
        var hash: [UInt8]

        init(parsing text: String) throws {
            let fields = text.split(separator: "$", omittingEmptySubsequences: false)
            guard fields.count == 5, fields[0].isEmpty else {
                throw PasswordHashError.malformed("expected $algorithm$i=N$salt$hash")
            }
            guard let algorithm = PHCAlgorithm(rawValue: String(fields[1])) else {
                throw PasswordHashError.malformed(
                    "unknown algorithm '\(OTPAuthURIError.shown(String(fields[1])))'")
            }
            guard fields[2].hasPrefix("i="), let iterations = Int(fields[2].dropFirst(2)),
                (1...PasswordHasher.maximumIterations).contains(iterations)
            else {
                throw PasswordHashError.malformed(
                    "iterations must be i=1...\(PasswordHasher.maximumIterations)")
            }
            guard let salt = Secrets.decodeBase64(fields[3]), salt.count >= 8 else {
                throw PasswordHashError.malformed("the salt is not base64 of 8 bytes or more")
            }
            guard let hash = Secrets.decodeBase64(fields[4]), (16...64).contains(hash.count) else {
                throw PasswordHashError.malformed("the hash is not base64 of 16 to 64 bytes")
            }
            self.algorithm = algorithm
            self.iterations = iterations
            self.salt = salt
            self.hash = hash
        }
    }
}

/// Why a password could not be hashed or a stored hash read.
public enum PasswordHashError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The password is empty.
    case empty
    /// The password has this many characters, more than 256.
    case tooLong(Int)
    /// The stored hash is not a PHC string this module understands.
    case malformed(String)
    /// The key derivation itself failed (should not happen with valid parameters).
    case derivationFailed(String)

    public var description: String {
        switch self {
        case .empty: return "the password is empty"
        case .tooLong(let count):
            return "the password has \(count) characters; at most \(PasswordHasher.maximumLength) are allowed"
        case .malformed(let reason): return "the stored password hash is malformed: \(reason)"
        case .derivationFailed(let reason): return "password hashing failed: \(reason)"
        }
    }
}
