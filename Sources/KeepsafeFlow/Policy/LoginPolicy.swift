import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Log-in failures and account lockout: `lockAfter` consecutive failures lock the
/// account; each further consecutive failure locks it again with the back-off doubled,
/// from `firstBackoffSeconds` up to `maxBackoffSeconds`. Success resets everything.
public enum LoginPolicy {
    /// The end of the current lock, or nil when the account may try now.
    public static func lockedUntil(_ account: Account, now: Date) -> Date? {
        guard let until = account.lockedUntil, until > now else { return nil }
        return until
    }

    /// The lock length after `failures` consecutive failures (0 below the threshold).
    public static func backoff(failures: Int, policy: Policy.Login) -> TimeInterval {
        guard failures >= policy.lockAfter else { return 0 }
        let doublings = min(failures - policy.lockAfter, 30)
        let seconds = Double(policy.firstBackoffSeconds) * Double(1 << doublings)
        return min(seconds, Double(policy.maxBackoffSeconds))
    }

    /// Counts one failed log-in; returns the new lock's end when this failure locks.
    @discardableResult
    public static func recordFailure(_ account: inout Account, policy: Policy.Login, now: Date) -> Date? {
        account.failedLogins += 1
        let seconds = backoff(failures: account.failedLogins, policy: policy)
        guard seconds > 0 else { return nil }
        account.lockouts += 1
        let until = now.addingTimeInterval(seconds)
        account.lockedUntil = until
        return until
    }

    /// A successful log-in: the counters start again.
    public static func recordSuccess(_ account: inout Account) {
        account.failedLogins = 0
        account.lockouts = 0
        account.lockedUntil = nil
    }
}
