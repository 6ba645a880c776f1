import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Trusted devices: "Remember this device for 30 days".
public enum TrustPolicy {
    /// The trusted device matching `token` that has not expired at `now`.
    /// `matches(token, hash)` compares the token against a stored hash in constant time.
    public static func device(
        in account: Account, token: String?, now: Date, matches: (String, String) -> Bool
    ) -> TrustedDevice? {
        guard let token else { return nil }
        return account.trustedDevices.first { $0.expiresAt > now && matches(token, $0.tokenHash) }
    }

    /// Drops expired devices.
    public static func prune(_ account: inout Account, now: Date) {
        account.trustedDevices.removeAll { $0.expiresAt <= now }
    }

    /// The expiry of a device trusted at `now`.
    public static func expiry(from now: Date, policy: Policy.Trust) -> Date {
        now.addingTimeInterval(TimeInterval(policy.days) * 86_400)
    }
}
