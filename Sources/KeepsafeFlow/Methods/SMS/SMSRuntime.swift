import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The SMS side of the runtime: the enrollment's code to the new number and its check, the code
/// at log-in.
extension EffectRunner {
    func sendEnrollmentSMS(number: String) throws -> EffectResult {
        let email = try enrollingEmail()
        let now = self.now
        let outcome = try store.update(Account.self, key: email) {
            record -> Result<(SMSProgress, SMSMessage), SendRefusal>? in
            guard var account = record else { return nil }
            defer { record = account }
            let existing = account.factors.firstIndex { $0.kind == .sms && $0.state == .pending }
            let index = existing ?? account.factors.endIndex
            if existing == nil {
                account.factors.append(
                    Factor(id: Secrets.identifier(), kind: .sms, state: .pending, createdAt: now))
            }
            account.factors[index].phoneNumber = number
            return prepareCode(&account, factorID: account.factors[index].id, number: number, now: now)
        }
        return try sent(outcome, email: email, number: number)
    }

    /// Puts a prepared code in the outbox (the same transaction as the account's change)
    /// and says what happened.
    private func sent(
        _ outcome: Result<(SMSProgress, SMSMessage), SendRefusal>?, email: String, number: String
    ) throws -> EffectResult {
        switch outcome {
        case nil: throw FlowRuntimeError.notSignedIn
        case .failure(let refusal)?: return .sendRefused(refusal.decision)
        case .success(let (progress, message))?:
            try store.create(message)
            try purgeExpiredSMS()
            try audit("sms.sent", account: email, ["to": PhoneNumber.masked(number)])
            return .smsSent(progress)
        }
    }

    func confirmSMSEnrollment(factorID: String, code: String, purpose: EnrollmentPurpose) throws
        -> EffectResult
    {
        let email = try enrollingEmail()
        let now = self.now
        let outcome = try store.update(Account.self, key: email) {
            record -> Result<(Int, String?), CodeRefusal> in
            guard var account = record else { return .failure(.noChallenge) }
            defer { record = account }
            switch checkSentCode(&account, factorID: factorID, code: code, now: now) {
            case .failure(let refusal): return .failure(refusal)
            case .success:
                account.pendingChallenge = nil
                return .success(
                    (0, activate(&account, factorID: factorID, replacingNumber: purpose == .changeNumber)))
            }
        }
        return try enrollmentOutcome(
            email: email, factorID: factorID, outcome, numberChange: purpose == .changeNumber)
    }

    func sendChallengeSMS(email: String, factor: Factor) throws -> EffectResult {
        let now = self.now
        guard let number = factor.phoneNumber else { throw FlowRuntimeError.missingSecret(factor: factor.id) }
        let outcome = try store.update(Account.self, key: email) {
            record -> Result<(SMSProgress, SMSMessage), SendRefusal>? in
            guard var account = record else { return nil }
            defer { record = account }
            return prepareCode(&account, factorID: factor.id, number: number, now: now)
        }
        return try sent(outcome, email: email, number: number)
    }

    /// Makes a fresh code for `factorID`, within the SMS send limits: updates the account
    /// (challenge, send times) and returns the message for the outbox, which the caller
    /// writes after the account's transaction (one record locked at a time).
    func prepareCode(_ account: inout Account, factorID: String, number: String, now: Date)
        -> Result<(SMSProgress, SMSMessage), SendRefusal>
    {
        let pending = account.pendingChallenge
        let awaitingCode = pending.map { $0.factorID == factorID && !$0.used && now < $0.expiresAt } ?? false
        let decision = SendPolicy.sms(
            sentAt: account.smsSentAt, now: now, policy: policy.sms, awaitingCode: awaitingCode)
        guard decision == .allowed else { return .failure(SendRefusal(decision: decision)) }
        let code = Secrets.numericCode(digits: policy.sms.digits)
        let lifetime = TimeInterval(policy.sms.lifetimeSeconds)
        account.pendingChallenge = CodeChallenge(
            id: Secrets.identifier(), factorID: factorID, codeHash: SecretHash.make(code), issuedAt: now,
            expiresAt: now.addingTimeInterval(lifetime))
        account.smsSentAt = SendPolicy.recent(account.smsSentAt, now: now, window: 3600) + [now]
        var generator = SystemRandomNumberGenerator()
        let lost =
            policy.sms.lossRate > 0 && Double.random(in: 0..<1, using: &generator) < policy.sms.lossRate
        let body = strings.format(
            "sms.body", ["code": code, "minutes": String(policy.sms.lifetimeMinutes)])
        let message = SMSMessage(
            id: messageID(), to: number, body: body, sentAt: now,
            deliverAt: now.addingTimeInterval(TimeInterval(policy.sms.deliveryDelaySeconds)), lost: lost)
        let progress = SMSProgress(
            factorID: factorID, number: number, sentAt: now,
            resendAt: now.addingTimeInterval(TimeInterval(policy.sms.resendCooldownSeconds)))
        return .success((progress, message))
    }

    /// Verifies a sent code against the account's pending challenge for `factorID`
    /// (`CodeVerification.sentCode`).
    func checkSentCode(_ account: inout Account, factorID: String, code: String, now: Date) -> Result<
        Void, CodeRefusal
    > {
        CodeVerification.sentCode(&account, factorID: factorID, now: now, policy: policy.wrongCodes) {
            SecretHash.verify(code, against: $0)
        }
    }
}
