import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// My Profile's "Change password": the current password, then the second factor, then
/// the change, which forgets every remembered device but this one and mails the owner.
extension EffectRunner {
    /// Checks the current password as the two-factor page's re-entry does (a wrong one
    /// counts towards the log-in lock) and keeps only the new password's hash until the
    /// second factor is confirmed.
    func beginPasswordChange(current: String, new: String) throws -> EffectResult {
        let result = try confirmPassword(current)
        guard case .passwordConfirmed(let summary) = result else {
            pendingPasswordHash = nil
            return result
        }
        pendingPasswordHash = try hasher().hash(new)
        return .passwordChangeReady(summary)
    }

    /// Sets the waiting password once the second factor (or the recovery code) was
    /// confirmed in this visit; an account with no factor at all has only its password.
    /// When the recovery code confirmed it (and was used up), a new one is issued.
    func changePassword() throws -> EffectResult {
        try requireUnlocked()
        let email = try fullySignedInEmail()
        guard let hash = pendingPasswordHash, let before = try currentAccount() else {
            throw FlowRuntimeError.notSignedIn
        }
        guard stepUpPassed || (before.activeFactors.isEmpty && before.recoveryCodeHash == nil) else {
            throw FlowRuntimeError.notSignedIn
        }
        let token = environment.keyring.trustToken(store: environment.storeIdentity, account: email)
        let fresh = RecoveryCode.generate()
        let renewed = try store.update(Account.self, key: email) { record -> Bool? in
            guard var account = record else { return nil }
            account.passwordHash = hash
            account.trustedDevices.removeAll { device in
                !(token.map { SecretHash.verify($0, against: device.tokenHash) } ?? false)
            }
            // The recovery code confirmed the change and is spent: a new one replaces it.
            let renew = account.recoveryCodeHash == nil && !account.activeFactors.isEmpty
            if renew { account.recoveryCodeHash = SecretHash.make(fresh.normalized) }
            record = account
            return renew
        }
        guard let renewed, let account = try currentAccount() else { throw FlowRuntimeError.notSignedIn }
        pendingPasswordHash = nil
        stepUpPassed = false
        try notify(
            email, event: "password.changed", mail: "passwordChanged", ["device": environment.deviceName],
            detail: ["device": environment.deviceName])
        if renewed { try notify(email, event: "recovery.regenerated", mail: "recoveryRegenerated") }
        return .passwordChanged(try summary(account), recoveryCode: renewed ? fresh.grouped : nil)
    }
}
