#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// F6 My Profile → "Two-Factor Authentication", behind password re-entry.
extension Transition {
    mutating func activateProfile(_ id: String) {
        switch (state.page, id) {
        case (.profile, "mfa"): go(.profilePassword)
        case (.profile, "home"): go(.home)
        case (.profilePassword, "cancel"): go(.profile)
        case (.profilePassword, "confirm"):
            let password = form.value("password")
            guard !password.isEmpty else {
                say(.error, "profile.passwordMissing")
                return
            }
            emit(.confirmPassword(password))
        case (.profileMFA, "change"):
            state.enrollmentPurpose = .changeMethod
            go(.mfaChoose)
        case (.profileMFA, "number"):
            state.enrollmentPurpose = .changeNumber
            go(.enrollSMSNumber)
        case (.profileMFA, "regenerate"): emit(.regenerateRecoveryCode)
        case (.profileMFA, "disable"): go(.profileDisable)
        case (.profileMFA, "back"): go(.profile)
        case (.profileDisable, "cancel"): go(.profileMFA)
        case (.profileDisable, "disable"): emit(.disableMFA)
        default: break
        }
    }

    mutating func activateProfileItem(list: String, item: String) {
        switch list {
        case "methods":
            guard item != state.account?.preferredFactorID else { return }
            emit(.setPreferredFactor(id: item))
        case "devices": emit(.revokeTrustedDevice(id: item))
        default: break
        }
    }

    mutating func applyProfile(_ result: EffectResult) {
        switch result {
        case .passwordConfirmed(let account):
            state.account = account
            go(.profileMFA)
        case .passwordRefused:
            say(.error, "profile.passwordWrong")
            state.form.set("password", "")
        case .accountChanged(let account, let notice):
            state.account = account
            if let notice { say(.success, notice) }
        case .recoveryCodeIssued(let account, let code):
            state.account = account
            state.recovery = RecoveryDisplay(
                code: code, next: .profileMFA, notice: strings["profile.recoveryRegenerated"])
            go(.recoveryShow)
        case .mfaDisabled(let account):
            state.account = account
            enterHome(notice: strings["profile.mfaDisabled"])
        default: break
        }
    }
}
