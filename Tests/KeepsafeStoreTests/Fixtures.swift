import Foundation
import KeepsafeStore

/// Records the store tests write, with every kind of field filled in.
enum Fixtures {
    /// A fixed instant with a fraction that milliseconds would not keep.
    static let instant = Date(timeIntervalSinceReferenceDate: 817_000_000.123_456_7)

    static func account(_ email: String = "alice@example.com") -> Account {
        var account = Account(
            email: email, displayName: "Alice Example", company: "acme",
            passwordHash: "$pbkdf2-sha256$i=1000$c2FsdA$aGFzaA", createdAt: instant)
        var factor = Factor(id: "f1", kind: .totp, state: .active, createdAt: instant)
        factor.totpSecret = "JBSWY3DPEHPK3PXP"
        factor.lastAcceptedStep = 58_000_000
        account.factors = [factor]
        account.preferredFactorID = "f1"
        account.trustedDevices = [
            TrustedDevice(
                id: "d1", name: "laptop", tokenHash: "h", createdAt: instant,
                expiresAt: instant.addingTimeInterval(30 * 86_400))
        ]
        account.smsSentAt = [instant]
        return account
    }
}
