import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The code mailed to the account before enrolling again, and its check.
extension EffectRunner {
    /// Mails a one-time code to the account, which must have no usable factor (after a
    /// disable or an admin reset, or never enrolled). Only its hash is kept; it expires
    /// with the SMS lifetime, takes `wrongCodes.perChallenge` tries, and has the SMS
    /// policy's cooldown and hourly cap (counted apart from SMS).
    func sendMailboxCode() throws -> EffectResult {
        let email = try signedInEmail()
        let now = self.now
        let code = Secrets.numericCode(digits: policy.sms.digits)
        let outcome = try store.update(Account.self, key: email) { record -> SendPolicy.Decision? in
            guard var account = record else { return nil }
            guard account.activeFactors.isEmpty || account.mfaRequiredAtNextLogin else { return nil }
            let sent = account.mailboxSentAt ?? []
            let decision = SendPolicy.sms(sentAt: sent, now: now, policy: policy.sms)
            guard decision == .allowed else { return decision }
            account.mailboxSentAt = SendPolicy.recent(sent, now: now, window: 3600) + [now]
            account.mailboxChallenge = CodeChallenge(
                id: Secrets.identifier(), factorID: "mailbox", codeHash: SecretHash.make(code), issuedAt: now,
                expiresAt: now.addingTimeInterval(TimeInterval(policy.sms.lifetimeSeconds)))
            record = account
            return .allowed
        }
        guard let decision = outcome else { throw FlowRuntimeError.notSignedIn }
        guard decision == .allowed else { return .sendRefused(decision) }
        let values = [
            "code": code, "minutes": String(policy.sms.lifetimeMinutes), "portal": brand.portalName,
        ]
        try store.create(
            MailMessage(
                id: messageID(), to: email, subject: strings.format("mail.mailboxCode.subject", values),
                body: strings.format("mail.mailboxCode.body", values), sentAt: now))
        try audit("mailbox.codeSent", account: email)
        return .mailboxCodeSent(email: email)
    }

    func verifyMailboxCode(_ code: String) throws -> EffectResult {
        let email = try signedInEmail()
        let now = self.now
        let outcome = try store.update(Account.self, key: email) { record -> Result<Void, CodeRefusal> in
            guard var account = record, var challenge = account.mailboxChallenge else {
                return .failure(.noChallenge)
            }
            defer { record = account }
            switch CodePolicy.state(of: challenge, now: now, policy: policy.wrongCodes) {
            case .used: return .failure(.replayed)
            case .voided: return .failure(.voided)
            case .expired: return .failure(.expired)
            case .open: break
            }
            guard SecretHash.verify(code, against: challenge.codeHash) else {
                challenge.wrongAttempts += 1
                account.mailboxChallenge = challenge
                let remaining = policy.wrongCodes.perChallenge - challenge.wrongAttempts
                return .failure(remaining > 0 ? .wrong(remaining: remaining) : .voided)
            }
            account.mailboxChallenge = nil  // single use
            return .success(())
        }
        switch outcome {
        case .failure(let refusal):
            try audit("mailbox.failed", account: email)
            return .codeRefused(refusal)
        case .success:
            mailboxProved = true
            try audit("mailbox.proved", account: email)
            return .mailboxProved
        }
    }
}
