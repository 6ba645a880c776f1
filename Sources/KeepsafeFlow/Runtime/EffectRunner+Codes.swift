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
