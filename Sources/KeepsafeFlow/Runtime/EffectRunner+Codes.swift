import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Checking codes against a factor: TOTP (authenticator app, push fallback) and sent SMS
/// codes, with the wrong-code and lockout policy. These mutate the account in place and
/// are called inside a store transaction.
extension EffectRunner {
    /// The TOTP generator of a factor.
    func totp(of factor: Factor) throws -> TOTP {
        guard let secret = factor.totpSecret else { throw FlowRuntimeError.missingSecret(factor: factor.id) }
        return try TOTP(
            secret: try Base32.decode(secret),
            algorithm: HashAlgorithm(rawValue: factor.totpAlgorithm ?? policy.totp.algorithm) ?? .sha1,
            digits: factor.totpDigits ?? policy.totp.digits, period: factor.totpPeriod ?? policy.totp.period)
    }

    /// Verifies a TOTP code for `account.factors[index]`; on success returns the device's
    /// clock skew in seconds (positive: fast) when the recent accepted codes agree on
    /// one (`DriftPolicy`), else 0. A refused code says nothing about skew.
    func checkTOTP(_ account: inout Account, factorAt index: Int, code: String, now: Date) throws
        -> Result<Int, CodeRefusal>
    {
        var factor = account.factors[index]
        defer { account.factors[index] = factor }
        if let until = CodePolicy.lockedUntil(factor, now: now) {
            return .failure(.factorLocked(until: until))
        }
        let generator = try totp(of: factor)
        switch generator.verify(
            code, at: now, window: policy.totp.window, lastAcceptedStep: factor.lastAcceptedStep)
        {
        case .accepted(let step, let offset):
            factor.lastAcceptedStep = step
            CodePolicy.recordSuccess(&factor)
            factor.recentOffsets = DriftPolicy.record(offset, in: factor.recentOffsets ?? [])
            return .success(DriftPolicy.consistentOffset(factor.recentOffsets ?? []) * generator.period)
        case .replayed:
            if let until = CodePolicy.recordWrongCode(&factor, policy: policy.wrongCodes, now: now) {
                return .failure(.factorLocked(until: until))
            }
            return .failure(.replayed)
        case .invalid:
            if let until = CodePolicy.recordWrongCode(&factor, policy: policy.wrongCodes, now: now) {
                return .failure(.factorLocked(until: until))
            }
            // Nothing more: whether the code would fit another time is exactly what a
            // guesser wants to know (RFC 6238 §6 learns drift from accepted codes only).
            return .failure(.wrong(remaining: nil))
        }
    }

    /// Checks a recovery code under the log-in lockout policy (a wrong one counts as a
    /// failed log-in, and a locked account refuses even the right one). On success the
    /// code is used up: the caller decides what replaces it.
    func checkRecoveryCode(_ account: inout Account, _ code: RecoveryCode, now: Date) -> Result<
        Void, CodeRefusal
    > {
        if let until = LoginPolicy.lockedUntil(account, now: now) {
            return .failure(.factorLocked(until: until))
        }
        guard let hash = account.recoveryCodeHash, SecretHash.verify(code.normalized, against: hash) else {
            if let until = LoginPolicy.recordFailure(&account, policy: policy.login, now: now) {
                return .failure(.factorLocked(until: until))
            }
            return .failure(.wrong(remaining: nil))
        }
        account.recoveryCodeHash = nil
        return .success(())
    }

    /// Verifies a sent code against the account's pending challenge for `factorID`.
    func checkSentCode(_ account: inout Account, factorID: String, code: String, now: Date) -> Result<
        Void, CodeRefusal
    > {
        guard let index = account.factors.firstIndex(where: { $0.id == factorID }) else {
            return .failure(.noChallenge)
        }
        if let until = CodePolicy.lockedUntil(account.factors[index], now: now) {
            return .failure(.factorLocked(until: until))
        }
        guard var challenge = account.pendingChallenge, challenge.factorID == factorID else {
            return .failure(.noChallenge)
        }
        defer { account.pendingChallenge = challenge }
        switch CodePolicy.state(of: challenge, now: now, policy: policy.wrongCodes) {
        case .used: return .failure(.replayed)
        case .voided: return .failure(.voided)
        case .expired: return .failure(.expired)
        case .open: break
        }
        if SecretHash.verify(code, against: challenge.codeHash) {
            challenge.used = true
            CodePolicy.recordSuccess(&account.factors[index])
            return .success(())
        }
        challenge.wrongAttempts += 1
        if let until = CodePolicy.recordWrongCode(
            &account.factors[index], policy: policy.wrongCodes, now: now)
        {
            return .failure(.factorLocked(until: until))
        }
        let remaining = policy.wrongCodes.perChallenge - challenge.wrongAttempts
        return .failure(remaining > 0 ? .wrong(remaining: remaining) : .voided)
    }

    /// Makes a fresh code for `factorID`, within the SMS send limits: updates the account
    /// (challenge, send times) and returns the message for the outbox, which the caller
    /// writes after the account's transaction (one record locked at a time).
    func prepareCode(_ account: inout Account, factorID: String, number: String, now: Date)
        -> Result<(SMSProgress, SMSMessage), SendRefusal>
    {
        let decision = SendPolicy.sms(sentAt: account.smsSentAt, now: now, policy: policy.sms)
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
            "sms.body", ["code": code, "minutes": String(policy.sms.lifetimeSeconds / 60)])
        let message = SMSMessage(
            id: messageID(), to: number, body: body, sentAt: now,
            deliverAt: now.addingTimeInterval(TimeInterval(policy.sms.deliveryDelaySeconds)), lost: lost)
        let progress = SMSProgress(
            factorID: factorID, number: number, sentAt: now,
            resendAt: now.addingTimeInterval(TimeInterval(policy.sms.resendCooldownSeconds)))
        return .success((progress, message))
    }
}

/// A refused send, as an `Error` so it fits in a `Result`.
struct SendRefusal: Error {
    var decision: SendPolicy.Decision
}

/// Failures of the runtime that the flow cannot cause (damaged records).
enum FlowRuntimeError: Error, CustomStringConvertible {
    case missingSecret(factor: String)
    case notSignedIn

    var description: String {
        switch self {
        case .missingSecret(let factor): return "factor \(factor) has no secret; enroll it again"
        case .notSignedIn: return "not signed in; log in again"
        }
    }
}
