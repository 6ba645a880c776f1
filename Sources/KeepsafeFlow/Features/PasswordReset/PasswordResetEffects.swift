import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// "Forgot password?": the mailed reset code and the new password. Neither step says
/// whether an account uses the address: the answers are the same words, and the same
/// work is done (the code and its hash are made, the new password is hashed, a hash is
/// compared) whether or not there is an account; `perform` also holds both answers to a
/// fixed floor (`resetAnswerFloor`) so the store writes of a real account do not show in
/// their time.
extension EffectRunner {
    /// Mails a one-time reset code to `email` if an account uses it, within the SMS
    /// policy's cooldown and hourly cap (counted apart). Only the code's hash is kept; a
    /// new code replaces the previous one. A refused send (cooldown, cap) is audited and
    /// answered like a sent one.
    func requestPasswordReset(email: String) throws -> EffectResult {
        let now = self.now
        let code = Secrets.numericCode(digits: PasswordReset.codeDigits)
        let challenge = CodeChallenge(
            id: Secrets.identifier(), factorID: "password", codeHash: SecretHash.make(code), issuedAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(policy.sms.lifetimeSeconds)))
        let values = [
            "code": code, "minutes": String(policy.sms.lifetimeMinutes), "portal": brand.portalName,
        ]
        let mail = MailMessage(
            id: messageID(), to: email, subject: strings.format("mail.resetCode.subject", values),
            body: strings.format("mail.resetCode.body", values), sentAt: now)
        let decision = try accountUpdate(email) { record -> SendPolicy.Decision? in
            guard var account = record else { return nil }
            let sent = account.passwordResetSentAt ?? []
            let decision = SendPolicy.sms(sentAt: sent, now: now, policy: policy.sms)
            guard decision == .allowed else { return decision }
            account.passwordResetSentAt = SendPolicy.recent(sent, now: now, window: 3600) + [now]
            account.passwordReset = challenge
            record = account
            return .allowed
        }
        switch decision {
        case nil:
            try audit("password.resetRequested", account: nil, ["outcome": "unknown"])
        case .allowed?:
            try store.create(mail)
            try audit("password.resetRequested", account: email, ["outcome": "sent"])
        case .coolingDown?, .rateLimited?:
            try audit("password.resetRequested", account: email, ["outcome": "limited"])
        }
        return .passwordResetRequested(email: email)
    }

    /// Sets the new password when `code` is the live reset code of `email`'s account:
    /// the code is used up, every remembered device is forgotten (this one's token too),
    /// the log-in lock is lifted, and the owner is mailed. The second factor stays as it
    /// was: the next log-in asks for it. Wrong codes count against the code (five void
    /// it); every refusal is `.passwordResetRefused`.
    func resetPassword(email: String, code: String, newPassword: String) throws -> EffectResult {
        let now = self.now
        // Hashed before anything is known, so a right code costs what a wrong one does.
        let newHash = try hasher().hash(newPassword)
        let outcome = try accountUpdate(email) { record -> ResetOutcome in
            let challenge = record?.passwordReset
            let matches = SecretHash.verify(code, against: challenge?.codeHash ?? decoyCodeHash)
            guard var account = record else { return .refused("unknown") }
            guard var challenge else { return .refused("noCode") }
            guard CodePolicy.state(of: challenge, now: now, policy: policy.wrongCodes) == .open else {
                return .refused("closed")
            }
            guard matches else {
                challenge.wrongAttempts += 1
                account.passwordReset = challenge
                record = account
                return .refused("wrong")
            }
            account.passwordHash = newHash
            account.passwordReset = nil
            account.trustedDevices = []
            account.failedLogins = 0
            account.lockedUntil = nil
            record = account
            return .done
        }
        switch outcome {
        case .refused(let reason):
            try audit("password.resetFailed", account: reason == "unknown" ? nil : email, ["reason": reason])
            return .passwordResetRefused
        case .done:
            environment.keyring.setTrustToken(nil, store: environment.storeIdentity, account: email)
            try notify(
                email, event: "password.reset", mail: "passwordReset", ["device": environment.deviceName],
                detail: ["device": environment.deviceName])
            return .passwordResetDone
        }
    }

    /// `store.update` of an account by an address typed before any log-in: an address
    /// the store cannot name a record by is an account that does not exist.
    private func accountUpdate<T>(_ email: String, _ body: (inout Account?) throws -> T) throws -> T {
        do {
            return try store.update(Account.self, key: email, body)
        } catch StoreError.invalidKey {
            var none: Account?
            return try body(&none)
        }
    }

    private enum ResetOutcome {
        case refused(String)
        case done
    }
}
