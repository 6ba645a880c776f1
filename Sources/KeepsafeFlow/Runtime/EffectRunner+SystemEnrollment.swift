import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keepsafe enroll`: a session for a user the operating system has authenticated.
extension EffectRunner {
    /// What `keepsafe enroll` finds for an account.
    enum SystemSessionStart {
        /// Enrollment is needed ("Keep Your Account Safe").
        case enroll(AccountSummary)
        /// The recovery code was used up outside the portal: here is the new one.
        case recoveryCode(AccountSummary, String)
        /// Enrolled, no recovery code due: nothing to do.
        case nothingToDo(AccountSummary)
    }

    /// Signs the session in as `email` without a password: the system authenticated the
    /// user (`keepsafe enroll` runs as root, for the invoking user only), which stands in
    /// for the mailed code that proves the mailbox before an enrollment. A missing
    /// account is made with an unusable password (it can never log in to the portal by
    /// password) and a company named after `domain`.
    func openSystemSession(email: String, displayName: String, domain: String) throws -> SystemSessionStart {
        try inTransaction {
            let now = self.now
            if try store.read(Account.self, key: email) == nil {
                let company = Company(id: Secrets.identifier(), name: domain, createdAt: now)
                try store.create(company)
                try store.create(
                    Account(
                        email: email, displayName: displayName, company: company.id,
                        passwordHash: Self.unusablePasswordHash, createdAt: now))
                try audit("account.created", account: email, ["by": "keepsafe enroll"])
            }
            guard let account = try store.read(Account.self, key: email) else {
                throw FlowRuntimeError.notSignedIn
            }
            authenticated = email
            mailboxProved = true
            if account.activeFactors.isEmpty || account.mfaRequiredAtNextLogin {
                try audit("enroll.opened", account: email)
                return .enroll(try summary(account))
            }
            secondFactorPassed = true
            if let code = try issueDueRecoveryCode(email: email),
                let renewed = try store.read(Account.self, key: email)
            {
                return .recoveryCode(try summary(renewed), code)
            }
            return .nothingToDo(try summary(account))
        }
    }

    /// Not a PBKDF2 hash: no password verifies against it.
    static let unusablePasswordHash = "!keepsafe-enroll"
}
