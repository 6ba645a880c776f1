import KeepsafeBase
import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The challenge at log-in: sending SMS codes and push requests, verifying codes and
/// recovery codes, remembering the device.
extension EffectRunner {
    func startChallenge(_ factorID: String) throws -> EffectResult? {
        let email = try signedInEmail()
        guard let account = try store.read(Account.self, key: email),
            let factor = account.activeFactors.first(where: { $0.id == factorID })
        else { return .codeRefused(.noChallenge) }
        switch factor.kind {
        case .totp: return nil
        case .sms: return try sendChallengeSMS(email: email, factor: factor)
        case .push: return try sendPushRequest(email: email, factor: factor)
        }
    }

    func verifyChallengeCode(factorID: String, code: String, remember: Bool) throws -> EffectResult {
        let email = try signedInEmail()
        let now = self.now
        let outcome = try store.update(Account.self, key: email) { record -> Result<Int, CodeRefusal> in
            guard var account = record,
                let index = account.factors.firstIndex(where: { $0.id == factorID && $0.state == .active })
            else { return .failure(.noChallenge) }
            defer { record = account }
            if account.factors[index].kind == .sms {
                return checkSentCode(&account, factorID: factorID, code: code, now: now).map {
                    account.pendingChallenge = nil
                    return 0
                }
            }
            return try checkTOTP(&account, factorAt: index, code: code, now: now)
        }
        switch outcome {
        case .failure(let refusal):
            try audit("mfa.failed", account: email, ["factor": factorID])
            if case .factorLocked(let until) = refusal {
                try notify(
                    email, event: "mfa.factorLocked", mail: "factorLocked",
                    ["method": methodName(email: email, factorID: factorID), "until": timestamp(until)])
            }
            return .codeRefused(refusal)
        case .success(let skew):
            return try passChallenge(email: email, remember: remember, skew: skew, recoveryCode: nil)
        }
    }

    /// The recovery code at log-in. It is used up; the new one is issued at once and
    /// shown (`renewLater` false, the portal), or, where nothing can show it
    /// (`keepsafe pam`), the account is marked so that the next `keepsafe enroll` or
    /// portal log-in issues it behind the "I have safely recorded this code" gate.
    func verifyRecoveryCode(_ text: String, remember: Bool, renewLater: Bool = false) throws -> EffectResult {
        let email = try signedInEmail()
        let now = self.now
        guard let parsed = try? RecoveryCode(parsing: text) else { return .codeRefused(.malformed) }
        let fresh = RecoveryCode.generate()
        let outcome = try store.update(Account.self, key: email) { record -> Result<Void, CodeRefusal> in
            guard var account = record else { return .failure(.noChallenge) }
            defer { record = account }
            return checkRecoveryCode(&account, parsed, now: now).map {
                if renewLater {
                    account.recoveryCodeRenewalDue = true
                } else {
                    account.recoveryCodeHash = SecretHash.make(fresh.normalized)
                    account.recoveryCodeRenewalDue = nil
                }
            }
        }
        switch outcome {
        case .failure(let refusal):
            try audit("recovery.failed", account: email)
            return .codeRefused(refusal)
        case .success:
            try notify(
                email, event: "recovery.used", mail: "recoveryUsed", ["device": environment.deviceName])
            return try passChallenge(
                email: email, remember: remember, skew: 0, recoveryCode: renewLater ? nil : fresh.grouped)
        }
    }

    /// When the recovery code was used up outside the portal (`keepsafe pam`), a new one
    /// replaces it now, to be shown behind the "I have safely recorded this code" gate;
    /// nil when none is due.
    func issueDueRecoveryCode(email: String) throws -> String? {
        let fresh = RecoveryCode.generate()
        let issued = try store.update(Account.self, key: email) { record -> Bool in
            guard var account = record, account.recoveryCodeRenewalDue == true else { return false }
            account.recoveryCodeHash = SecretHash.make(fresh.normalized)
            account.recoveryCodeRenewalDue = nil
            record = account
            return true
        }
        guard issued else { return nil }
        try notify(email, event: "recovery.regenerated", mail: "recoveryRegenerated")
        return fresh.grouped
    }

    private func methodName(email: String, factorID: String) throws -> String {
        let kind =
            try store.read(Account.self, key: email)?.factors.first { $0.id == factorID }?.kind ?? .totp
        return strings["method.\(kind.rawValue)"]
    }

    /// The challenge is passed: remember the device if asked, then sign in. Only a
    /// device that is not remembered is challenged, so the owner is mailed a sign-in
    /// alert (the device and the time) every time.
    func passChallenge(email: String, remember: Bool, skew: Int, recoveryCode: String?) throws
        -> EffectResult
    {
        let now = self.now
        if sendsSignInAlerts {
            try notify(
                email, event: "login.newDevice", mail: "signIn",
                ["device": environment.deviceName, "time": ISO8601.readable(now)],
                detail: ["device": environment.deviceName])
        }
        if remember {
            let keyring = environment.keyring
            let old = keyring.trustToken(store: environment.storeIdentity, account: email)
            let token = Secrets.deviceToken()
            let expiry = TrustPolicy.expiry(from: now, policy: policy.trust)
            var device = TrustedDevice(
                id: Secrets.identifier(), name: environment.deviceName, tokenHash: SecretHash.make(token),
                createdAt: now, expiresAt: expiry)
            device.lastUsedAt = now
            try store.update(Account.self, key: email) { record in
                record?.trustedDevices.removeAll {
                    old != nil && SecretHash.verify(old ?? "", against: $0.tokenHash)
                }
                record?.trustedDevices.append(device)
            }
            keyring.setTrustToken(token, store: environment.storeIdentity, account: email)
            try notify(
                email, event: "device.trusted", mail: "deviceTrusted",
                ["device": environment.deviceName, "until": timestamp(expiry)])
        }
        try audit("login.succeeded", account: email)
        secondFactorPassed = true
        var recoveryCode = recoveryCode
        if recoveryCode == nil && canShowRecoveryCode {
            recoveryCode = try issueDueRecoveryCode(email: email)
        }
        guard let account = try store.read(Account.self, key: email) else {
            throw FlowRuntimeError.notSignedIn
        }
        return .challengePassed(try summary(account), recoveryCode: recoveryCode, skewSeconds: skew)
    }
}
