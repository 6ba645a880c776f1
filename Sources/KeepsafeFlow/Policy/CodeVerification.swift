import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What happens to a typed second-factor code, as pure rules over the account's records:
/// locks first, then the match (which the caller computes with the secret), then the
/// counters, replay, voiding, expiry and the clock skew learnt from accepted codes.
/// The runtime loads the records, calls these inside the transaction and saves them.
public enum CodeVerification {
    /// An authenticator (TOTP) code for `factor`. `match` runs the comparison (TOTP with
    /// the policy's window and the factor's last accepted step); it is not called while
    /// the factor is locked. On success: the device's skew in seconds (positive: fast),
    /// when the recent accepted codes agree on one, else 0.
    public static func totp(
        _ factor: inout Factor, now: Date, period: Int, policy: Policy.WrongCodes,
        match: () -> TOTPVerification
    ) -> Result<Int, CodeRefusal> {
        if let until = CodePolicy.lockedUntil(factor, now: now) { return .failure(.factorLocked(until: until)) }
        switch match() {
        case .accepted(let step, let offset):
            factor.lastAcceptedStep = step
            CodePolicy.recordSuccess(&factor)
            factor.recentOffsets = DriftPolicy.record(offset, in: factor.recentOffsets ?? [])
            return .success(DriftPolicy.consistentOffset(factor.recentOffsets ?? []) * period)
        case .replayed:
            if let until = CodePolicy.recordWrongCode(&factor, policy: policy, now: now) {
                return .failure(.factorLocked(until: until))
            }
            return .failure(.replayed)
        case .invalid:
            if let until = CodePolicy.recordWrongCode(&factor, policy: policy, now: now) {
                return .failure(.factorLocked(until: until))
            }
            // Nothing more: whether the code would fit another time is exactly what a
            // guesser wants to know (RFC 6238 §6 learns drift from accepted codes only).
            return .failure(.wrong(remaining: nil))
        }
    }

    /// A sent (SMS) code against the account's pending challenge for `factorID`.
    /// `matches` compares the typed code with the challenge's stored hash.
    public static func sentCode(
        _ account: inout Account, factorID: String, now: Date, policy: Policy.WrongCodes,
        matches: (_ codeHash: String) -> Bool
    ) -> Result<Void, CodeRefusal> {
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
        switch CodePolicy.state(of: challenge, now: now, policy: policy) {
        case .used: return .failure(.replayed)
        case .voided: return .failure(.voided)
        case .expired: return .failure(.expired)
        case .open: break
        }
        if matches(challenge.codeHash) {
            challenge.used = true
            CodePolicy.recordSuccess(&account.factors[index])
            return .success(())
        }
        challenge.wrongAttempts += 1
        if let until = CodePolicy.recordWrongCode(&account.factors[index], policy: policy, now: now) {
            return .failure(.factorLocked(until: until))
        }
        let remaining = policy.perChallenge - challenge.wrongAttempts
        return .failure(remaining > 0 ? .wrong(remaining: remaining) : .voided)
    }

    /// A recovery code, under the log-in lockout (a wrong one counts as a failed log-in,
    /// and a locked account refuses even the right one). `matches` compares the typed
    /// code with the stored hash. On success the code is used up.
    public static func recoveryCode(
        _ account: inout Account, now: Date, policy: Policy.Login, matches: (_ codeHash: String) -> Bool
    ) -> Result<Void, CodeRefusal> {
        if let until = LoginPolicy.lockedUntil(account, now: now) { return .failure(.factorLocked(until: until)) }
        guard let hash = account.recoveryCodeHash, matches(hash) else {
            if let until = LoginPolicy.recordFailure(&account, policy: policy, now: now) {
                return .failure(.factorLocked(until: until))
            }
            return .failure(.wrong(remaining: nil))
        }
        account.recoveryCodeHash = nil
        return .success(())
    }
}
