import KeepsafeStore
import OneTimePassword

/// The authenticator app's side of the runtime: confirming its enrollment.
extension EffectRunner {
    func confirmTOTPEnrollment(factorID: String, code: String) throws -> EffectResult {
        let email = try enrollingEmail()
        let now = self.now
        let outcome = try updatePendingFactor(factorID, of: email) { account, index in
            switch try checkTOTP(&account, factorAt: index, code: code, now: now) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let skew):
                return .success((skew, activate(&account, factorID: factorID, replacingNumber: false)))
            }
        }
        return try enrollmentOutcome(email: email, factorID: factorID, outcome)
    }
}
