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

    /// Verifies a TOTP code for `account.factors[index]` (`CodeVerification.totp`).
    func checkTOTP(_ account: inout Account, factorAt index: Int, code: String, now: Date) throws
        -> Result<Int, CodeRefusal>
    {
        let generator = try totp(of: account.factors[index])
        let lastStep = account.factors[index].lastAcceptedStep
        return CodeVerification.totp(
            &account.factors[index], now: now, period: generator.period, policy: policy.wrongCodes
        ) {
            generator.verify(code, at: now, window: policy.totp.window, lastAcceptedStep: lastStep)
        }
    }

    /// Checks a recovery code (`CodeVerification.recoveryCode`); on success it is used
    /// up and the caller decides what replaces it.
    func checkRecoveryCode(_ account: inout Account, _ code: RecoveryCode, now: Date) -> Result<
        Void, CodeRefusal
    > {
        CodeVerification.recoveryCode(&account, now: now, policy: policy.login) {
            SecretHash.verify(code.normalized, against: $0)
        }
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
