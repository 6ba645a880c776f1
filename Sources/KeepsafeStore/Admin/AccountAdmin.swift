import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The administrative changes behind `keepsafe users reset-mfa` and `users unlock`.
/// Each is one transaction: the account and its audit line.
public enum AccountAdmin {
    /// Removes every factor (active and pending), the recovery code, the trusted devices
    /// and any pending challenge, and sets "configure MFA at next log-in".
    /// Audit event `mfa.reset`, detail `by: admin` and the removed kinds.
    /// `notify` runs in the same transaction (the user's mail), so the notice is sent if
    /// and only if the reset happened.
    /// - Returns: the account after the change.
    /// - Throws: `StoreError.notFound` if there is no such account, or the store's error.
    @discardableResult
    public static func resetMFA(
        _ store: some DocumentStore, email: String, at now: Date,
        also notify: (StoreTransaction, Account) throws -> Void = { _, _ in }
    ) throws -> Account {
        let key = accountKey(email)
        return try store.transaction { tx in
            let account = try resetMFA(tx, key: key, at: now)
            try notify(tx, account)
            return account
        }
    }

    private static func resetMFA(_ tx: StoreTransaction, key: String, at now: Date) throws -> Account {
        let (account, removed) = try tx.update(Account.self, key: key) { record -> (Account?, [String]) in
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
        try tx.appendAudit(
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
        return try store.transaction { tx in try unlock(tx, key: key, at: now) }
    }

    private static func unlock(_ tx: StoreTransaction, key: String, at now: Date) throws -> Account {
        let (account, before) = try tx.update(Account.self, key: key) { record -> (Account?, Account?) in
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
        try tx.appendAudit(
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
