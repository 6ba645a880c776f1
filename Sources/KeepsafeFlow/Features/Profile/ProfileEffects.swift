import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Home, invitations and the two-factor settings of My Profile.
extension EffectRunner {
    /// Changes the signed-in account in one transaction and returns its new summary.
    func changeAccount(notice: String?, _ change: (inout Account) -> Void) throws -> EffectResult {
        let email = try fullySignedInEmail()
        let account = try store.update(Account.self, key: email) { record -> Account? in
            guard var account = record else { return nil }
            change(&account)
            record = account
            return account
        }
        guard let account else { throw FlowRuntimeError.notSignedIn }
        return .accountChanged(try summary(account), notice: notice)
    }

    func confirmPassword(_ password: String) throws -> EffectResult {
        _ = try fullySignedInEmail()
        guard let account = try currentAccount() else { throw FlowRuntimeError.notSignedIn }
        let now = self.now
        if LoginPolicy.lockedUntil(account, now: now) != nil { return .passwordRefused }
        let correct = (try? PasswordHasher.verify(password, against: account.passwordHash)) ?? false
        guard correct else {
            try store.update(Account.self, key: account.email) { record in
                guard var updated = record else { return }
                LoginPolicy.recordFailure(&updated, policy: policy.login, now: now)
                record = updated
            }
            try audit("profile.passwordFailed", account: account.email)
            return .passwordRefused
        }
        profileUnlocked = true
        stepUpPassed = false
        addingBackup = false
        return .passwordConfirmed(try summary(account))
    }

    func requireUnlocked() throws {
        guard profileUnlocked else { throw FlowRuntimeError.notSignedIn }
    }

    func setPreferred(_ id: String) throws -> EffectResult {
        try requireUnlocked()
        let result = try changeAccount(notice: "profile.preferredSet") { account in
            if account.activeFactors.contains(where: { $0.id == id }) { account.preferredFactorID = id }
        }
        if let account = try currentAccount(), let factor = account.factors.first(where: { $0.id == id }) {
            try notify(
                account.email, event: "mfa.preferredChanged", mail: "methodChanged",
                ["method": strings["method.\(factor.kind.rawValue)"]])
        }
        return result
    }

    func regenerateRecoveryCode() throws -> EffectResult {
        try requireUnlocked()
        let code = RecoveryCode.generate()
        let hash = SecretHash.make(code.normalized)
        guard
            case .accountChanged(let summary, _) = try changeAccount(
                notice: nil, {
                    $0.recoveryCodeHash = hash
                    $0.recoveryCodeRenewalDue = nil
                })
        else { throw FlowRuntimeError.notSignedIn }
        try notify(summary.email, event: "recovery.regenerated", mail: "recoveryRegenerated")
        return .recoveryCodeIssued(summary, code: code.grouped)
    }

    func revokeDevice(_ id: String) throws -> EffectResult {
        try requireUnlocked()
        let email = try signedInEmail()
        if let token = environment.keyring.trustToken(store: environment.storeIdentity, account: email),
            let device = try currentAccount()?.trustedDevices.first(where: { $0.id == id }),
            SecretHash.verify(token, against: device.tokenHash)
        {
            environment.keyring.setTrustToken(nil, store: environment.storeIdentity, account: email)
        }
        let result = try changeAccount(notice: "profile.deviceRevoked") { account in
            account.trustedDevices.removeAll { $0.id == id }
        }
        try audit("device.revoked", account: email, ["device": id])
        return result
    }

    func forgetAllDevices() throws -> EffectResult {
        try requireUnlocked()
        let email = try fullySignedInEmail()
        let count = try currentAccount()?.trustedDevices.count ?? 0
        environment.keyring.setTrustToken(nil, store: environment.storeIdentity, account: email)
        let result = try changeAccount(notice: "profile.devicesForgotten") { $0.trustedDevices = [] }
        try audit("device.revokedAll", account: email, ["count": String(count)])
        return result
    }

    /// After "Confirm it's you" for "Add a backup method": the next enrollment keeps the
    /// preferred method.
    func beginBackupEnrollment() throws -> EffectResult? {
        try requireUnlocked()
        guard stepUpPassed, try currentAccount()?.activeFactors.isEmpty == false else {
            throw FlowRuntimeError.notSignedIn
        }
        addingBackup = true
        return nil
    }

    /// Removes the factor `id` after "Confirm it's you"; the last active factor is never
    /// removed (MFA is mandatory). A removed preferred factor hands over to the next one.
    func removeFactor(_ id: String) throws -> EffectResult {
        try requireUnlocked()
        let email = try fullySignedInEmail()
        guard stepUpPassed else { throw FlowRuntimeError.notSignedIn }
        let removed = try store.update(Account.self, key: email) { record -> Factor? in
            guard var account = record, account.activeFactors.count > 1,
                let factor = account.activeFactors.first(where: { $0.id == id })
            else { return nil }
            account.factors.removeAll { $0.id == id }
            if account.preferredFactorID == id { account.preferredFactorID = account.activeFactors.first?.id }
            if account.pendingChallenge?.factorID == id { account.pendingChallenge = nil }
            record = account
            return factor
        }
        guard let removed else {
            try audit("mfa.removeRefused", account: email, ["factor": id])
            return .factorRemovalRefused
        }
        stepUpPassed = false
        try notify(
            email, event: "mfa.removed", mail: "methodRemoved", ["method": strings["method.\(removed.kind.rawValue)"]],
            detail: ["method": removed.kind.rawValue])
        guard let account = try currentAccount() else { throw FlowRuntimeError.notSignedIn }
        return .factorRemoved(try summary(account))
    }

    func disableMFA() throws -> EffectResult {
        try requireUnlocked()
        guard stepUpPassed else { throw FlowRuntimeError.notSignedIn }
        guard
            case .accountChanged(let summary, _) = try changeAccount(
                notice: nil,
                { account in
                    account.factors = []
                    account.preferredFactorID = nil
                    account.recoveryCodeHash = nil
                    account.pendingChallenge = nil
                    account.trustedDevices = []
                    account.mfaRequiredAtNextLogin = true
                })
        else { throw FlowRuntimeError.notSignedIn }
        environment.keyring.setTrustToken(nil, store: environment.storeIdentity, account: summary.email)
        try notify(summary.email, event: "mfa.disabled", mail: "mfaDisabled")
        return .mfaDisabled(summary)
    }
}
