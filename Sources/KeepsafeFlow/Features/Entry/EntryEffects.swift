import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// F1 sign up and F2 log in: the password check (the same answer and time whatever the reason
/// of a refusal), what comes after it, and new accounts.
extension EffectRunner {
    /// F2. Every refusal is `.invalid`, the same words whatever the reason (unknown
    /// email, wrong password, locked account), after the same work: one PBKDF2 check at
    /// the policy's cost against the account's hash or the decoy. The owner of a locked
    /// account learns of the lock by mail, not from the log-in page.
    func logIn(email: String, password: String) throws -> EffectResult {
        let now = self.now
        let stored = try store.read(Account.self, key: email)
        let checked =
            (try? PasswordHasher.verify(password, against: stored?.passwordHash ?? decoyHash)) ?? false
        guard let stored else {
            try audit("login.failed", account: nil, ["reason": "unknown"])
            return .logInRefused(.invalid)
        }
        if LoginPolicy.lockedUntil(stored, now: now) != nil {
            // Locked: refused in the same words as a wrong password (the owner was mailed
            // when the lock began); not counted, so tries cannot spam the owner's mail.
            try audit("login.refused", account: email, ["reason": "locked"])
            return .logInRefused(.invalid)
        }
        let correct = checked
        let rehash =
            correct && PasswordHasher.needsRehash(stored.passwordHash, iterations: policy.password.iterations)
            ? try? hasher().hash(password) : nil
        let outcome = try store.update(Account.self, key: email) { record -> Result<Account, LoginFailure> in
            guard var account = record else { return .failure(LoginFailure(lockedUntil: nil)) }
            guard correct else {
                let lock = LoginPolicy.recordFailure(&account, policy: policy.login, now: now)
                record = account
                return .failure(LoginFailure(lockedUntil: lock))
            }
            LoginPolicy.recordSuccess(&account)
            TrustPolicy.prune(&account, now: now)
            if let rehash { account.passwordHash = rehash }
            record = account
            return .success(account)
        }
        switch outcome {
        case .failure(let failure):
            try audit("login.failed", account: email)
            if let until = failure.lockedUntil {
                try notify(
                    email, event: "login.locked", mail: "locked", ["until": timestamp(until)],
                    detail: ["until": timestamp(until)])
            }
            return .logInRefused(.invalid)
        case .success(let account):
            authenticated = email
            profileUnlocked = false
            stepUpPassed = false
            mailboxProved = false
            signedUpHere = false
            let next = try nextStep(for: account)
            secondFactorPassed = next == .home
            return .loggedIn(try summary(account), next: next)
        }
    }

    /// Enroll, challenge, or straight home for a trusted device.
    func nextStep(for account: Account) throws -> AfterPassword {
        let active = account.activeFactors
        if active.isEmpty || account.mfaRequiredAtNextLogin {
            // Enrolling needs more than the password: the mailbox is proved first.
            try audit("login.password", account: account.email, ["next": "proveMailbox"])
            return .proveMailbox
        }
        let token = environment.keyring.trustToken(store: environment.storeIdentity, account: account.email)
        if let device = TrustPolicy.device(in: account, token: token, now: now, matches: SecretHash.verify) {
            let now = self.now
            try store.update(Account.self, key: account.email) { record in
                guard let index = record?.trustedDevices.firstIndex(where: { $0.id == device.id }) else {
                    return
                }
                record?.trustedDevices[index].lastUsedAt = now
            }
            try audit("login.trusted", account: account.email, ["device": device.name])
            return .home
        }
        let preferred = active.first { $0.id == account.preferredFactorID } ?? active[0]
        try audit("login.password", account: account.email, ["next": "challenge"])
        return .challenge(factorID: preferred.id)
    }

    func lookUpInvitation(_ email: String) throws -> EffectResult {
        guard let invitation = try store.read(Invitation.self, key: email), invitation.acceptedAt == nil
        else {
            return .invitationLookedUp(email: email, companyName: nil)
        }
        let company = try store.read(Company.self, key: invitation.company)
        return .invitationLookedUp(email: email, companyName: company?.name ?? invitation.company)
    }

    func signUp(email: String, name: String, company: String, password: String) throws -> EffectResult
    {
        let now = self.now
        if try store.read(Account.self, key: email) != nil { return .signUpRefused(.duplicate) }
        let hash = try hasher().hash(password)
        let invitation = try store.read(Invitation.self, key: email).flatMap {
            $0.acceptedAt == nil ? $0 : nil
        }
        let companyKey = invitation?.company ?? Secrets.identifier()
        do {
            try store.create(
                Account(
                    email: email, displayName: name, company: companyKey, passwordHash: hash, createdAt: now))
        } catch StoreError.alreadyExists {
            return .signUpRefused(.duplicate)
        }
        if let invitation {
            try store.update(Invitation.self, key: invitation.email) { $0?.acceptedAt = now }
        } else {
            try store.create(Company(id: companyKey, name: company, createdAt: now))
        }
        try audit("account.created", account: email, invitation.map { ["invitedBy": $0.invitedBy] } ?? [:])
        authenticated = email
        secondFactorPassed = false
        profileUnlocked = false
        stepUpPassed = false
        mailboxProved = false
        signedUpHere = true
        guard let account = try store.read(Account.self, key: email) else {
            return .failed("account \(email) vanished")
        }
        return .signedUp(try summary(account))
    }
}
