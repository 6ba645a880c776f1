import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The proofs a change needs beyond the password: the second factor or the recovery
/// code ("Confirm it's you"), the mailed one-time code before enrolling again, and the
/// guided clock check.
extension EffectRunner {
    /// "Confirm it's you": a code of the preferred factor (sent SMS code, or the
    /// authenticator / push app's code), or the recovery code, which is used up (a new
    /// one is issued when the change completes, or from My Profile).
    func verifyStepUp(_ typed: String) throws -> EffectResult {
        try requireUnlocked()
        let email = try fullySignedInEmail()
        let now = self.now
        let digits = typed.filter { $0 != " " && $0 != "-" }
        let isCode = digits.count <= 10 && !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        let recovery = isCode ? nil : try? RecoveryCode(parsing: typed)
        if !isCode && recovery == nil { return .codeRefused(.malformed) }
        var factorID: String?
        let outcome = try store.update(Account.self, key: email) { record -> Result<Void, CodeRefusal> in
            guard var account = record else { return .failure(.noChallenge) }
            defer { record = account }
            if let recovery {
                return checkRecoveryCode(&account, recovery, now: now)
            }
            let active = account.activeFactors
            guard let preferred = active.first(where: { $0.id == account.preferredFactorID }) ?? active.first,
                let index = account.factors.firstIndex(where: { $0.id == preferred.id })
            else { return .failure(.noChallenge) }
            factorID = preferred.id
            if preferred.kind == .sms {
                return checkSentCode(&account, factorID: preferred.id, code: digits, now: now).map {
                    account.pendingChallenge = nil
                }
            }
            return try checkTOTP(&account, factorAt: index, code: digits, now: now).map { _ in () }
        }
        switch outcome {
        case .failure(let refusal):
            try audit(
                "mfa.stepUpFailed", account: email, factorID.map { ["factor": $0] } ?? ["with": "recovery"])
            if case .factorLocked(let until) = refusal {
                if let factorID {
                    let kind = try store.read(Account.self, key: email)?.factors.first { $0.id == factorID }?
                        .kind
                    try notify(
                        email, event: "mfa.factorLocked", mail: "factorLocked",
                        ["method": strings["method.\((kind ?? .totp).rawValue)"], "until": timestamp(until)])
                } else {
                    try notify(
                        email, event: "login.locked", mail: "locked", ["until": timestamp(until)],
                        detail: ["until": timestamp(until)])
                }
            }
            return .codeRefused(refusal)
        case .success:
            stepUpPassed = true
            addingBackup = false  // set again only by "Add a backup method"
            if recovery != nil {
                try notify(
                    email, event: "recovery.used", mail: "recoveryUsed", ["device": environment.deviceName])
            } else {
                try audit("mfa.stepUp", account: email)
            }
            guard let account = try store.read(Account.self, key: email) else {
                throw FlowRuntimeError.notSignedIn
            }
            return .stepUpPassed(try summary(account))
        }
    }

    /// "Check my phone's clock": finds the step pair (k, k+1) whose codes are `first`
    /// and `next` for one of the account's authenticator factors, within ten steps of
    /// now either way. `next` is what the phone shows now, so its step minus the
    /// portal's is the phone's offset. Two consecutive codes match by chance with odds
    /// of about one in 10^12, so this says nothing a guesser could use; a miss counts
    /// as a wrong code against the factor all the same.
    func checkPhoneClock(first: String, next: String) throws -> EffectResult {
        try requireUnlocked()
        let email = try fullySignedInEmail()
        let now = self.now
        let drift = try store.update(Account.self, key: email) { record -> Int? in
            guard var account = record else { return nil }
            defer { record = account }
            let candidates = account.factors.indices.filter {
                account.factors[$0].state == .active && account.factors[$0].totpSecret != nil
            }
            for index in candidates {
                let generator = try totp(of: account.factors[index])
                let current = Int64(generator.step(at: now))
                for offset in -10...10 {
                    let step = current + Int64(offset)
                    guard step >= 1 else { continue }
                    if generator.code(step: UInt64(step - 1)) == first,
                        generator.code(step: UInt64(step)) == next
                    {
                        // Those codes are spent: neither may log in later.
                        let spent = UInt64(step)
                        if abs(offset) <= policy.totp.window {
                            account.factors[index].lastAcceptedStep = max(
                                account.factors[index].lastAcceptedStep ?? 0, spent)
                        }
                        return offset * generator.period
                    }
                }
            }
            if let index = candidates.first {
                CodePolicy.recordWrongCode(&account.factors[index], policy: policy.wrongCodes, now: now)
            }
            return nil
        }
        try audit("mfa.clockChecked", account: email, ["drift": drift.map(String.init) ?? "no match"])
        return .clockChecked(driftSeconds: drift)
    }

}
