import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The administrative changes behind `keepsafe users reset-mfa` and `users unlock`.
/// Each is one transaction on the account plus one audit line.
public enum AccountAdmin {
    /// Removes every factor (active and pending), the recovery code, the trusted devices
    /// and any pending challenge, and sets "configure MFA at next log-in".
    /// Audit event `mfa.reset`, detail `by: admin` and the removed kinds.
    /// - Returns: the account after the change.
    /// - Throws: `StoreError.notFound` if there is no such account, or the store's error.
    @discardableResult
    public static func resetMFA(_ store: some DocumentStore, email: String, at now: Date) throws -> Account {
        let key = accountKey(email)
        let (account, removed) = try store.update(Account.self, key: key) { record -> (Account?, [String]) in
            guard var account = record else { return (nil, []) }
            let removed = account.factors.map(\.kind.rawValue)
            account.factors = []
            account.preferredFactorID = nil
            account.recoveryCodeHash = nil
            account.trustedDevices = []
            account.pendingChallenge = nil
            account.mfaRequiredAtNextLogin = true
            record = account
            return (account, removed)
        }
        guard let account else { throw StoreError.notFound(collection: Account.collection, key: key) }
        try store.appendAudit(
            AuditEntry(
                time: now, event: "mfa.reset", account: key,
                detail: ["by": "admin", "factors": removed.joined(separator: ",")]))
        return account
    }

    /// Clears the log-in lockout and back-off, and every factor's failure count and lock.
    /// Audit event `account.unlocked`, detail `by: admin` and the counts cleared.
    /// - Returns: the account after the change.
    /// - Throws: `StoreError.notFound` if there is no such account, or the store's error.
    @discardableResult
    public static func unlock(_ store: some DocumentStore, email: String, at now: Date) throws -> Account {
        let key = accountKey(email)
        let (account, before) = try store.update(Account.self, key: key) { record -> (Account?, Account?) in
            guard var account = record else { return (nil, nil) }
            let before = account
            account.failedLogins = 0
            account.lockouts = 0
            account.lockedUntil = nil
            for index in account.factors.indices {
                account.factors[index].consecutiveFailures = 0
                account.factors[index].lockedUntil = nil
            }
            record = account
            return (account, before)
        }
        guard let account, let before else {
            throw StoreError.notFound(collection: Account.collection, key: key)
        }
        let wasLocked = before.lockedUntil.map { $0 > now } ?? false
        try store.appendAudit(
            AuditEntry(
                time: now, event: "account.unlocked", account: key,
                detail: [
                    "by": "admin", "failedLogins": "\(before.failedLogins)", "lockouts": "\(before.lockouts)",
                    "wasLocked": "\(wasLocked)",
                ]))
        return account
    }

    /// The account key for what an administrator typed: trimmed and lowercased.
    public static func accountKey(_ email: String) -> String {
        email.trimmingWhitespace.lowercased()
    }
}
