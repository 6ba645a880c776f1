import KeepsafeBase
import KeepsafeStore

/// What the profile's pages do. A password alone never reaches enrollment or removes a
/// factor: changes go through "Confirm it's you".
extension ProfileState: ScreenFeature {
    func activate(_ control: Control, _ flow: inout Transition) {
        guard let account = flow.account else { return }
        switch (self, control) {
        case (.overview, .mfa): flow.go(.profile(account, .password))
        case (.overview, .home): flow.go(.home(account, HomeState()))
        case (.overview, .changePassword): flow.go(.profile(account, .changePassword))
        case (.changePassword, .savePassword): Profile.submitPasswordChange(&flow)
        case (.changePassword, .cancel): flow.go(.profile(account, .overview))
        case (.password, .cancel): flow.go(.profile(account, .overview))
        case (.password, .confirm):
            let password = flow.form.value(Control.password)
            guard !password.isEmpty else {
                flow.say(.error, "profile.passwordMissing")
                return
            }
            flow.emit(.confirmPassword(password))
        case (.twoFactor, .change):
            // Replacing a method needs the current one (or the recovery code) first.
            if !account.factors.isEmpty {
                Profile.beginStepUp(.changeMethod, account, &flow)
            } else {
                // Nothing to confirm with (MFA was disabled): the mailbox is proved instead.
                flow.go(.mailbox(account, MailboxState(signedIn: true)))
                flow.emit(.sendMailboxCode)
            }
        case (.twoFactor, .number): Profile.beginStepUp(.changeNumber, account, &flow)
        case (.twoFactor, .addBackup):
            guard !account.factors.isEmpty else { return }
            Profile.beginStepUp(.addBackup, account, &flow)
        case (.twoFactor, .removeMethod): flow.go(.profile(account, .removeMethod))
        case (.removeMethod, .back): flow.go(.profile(account, .twoFactor))
        case (.twoFactor, .regenerate): flow.go(.profile(account, .regenerate))
        case (.regenerate, .regenerate): flow.emit(.regenerateRecoveryCode)
        case (.regenerate, .cancel): flow.go(.profile(account, .twoFactor))
        case (.twoFactor, .forgetDevices):
            // The button goes with the devices: the focus goes back up, where the notice shows.
            flow.focus(Control.methods)
            flow.emit(.forgetAllDevices)
        case (.twoFactor, .clock): flow.go(.profile(account, .clock))
        case (.twoFactor, .disable): flow.go(.profile(account, .disable))
        case (.twoFactor, .back): flow.go(.profile(account, .overview))
        case (.disable, .cancel): flow.go(.profile(account, .twoFactor))
        case (.disable, .disable): Profile.beginStepUp(.disable, account, &flow)
        case (.stepUp, .continueOn):
            let code = flow.form.value(Control.code).trimmingWhitespace
            guard !code.isEmpty else {
                flow.say(.error, "code.missing")
                flow.focus(Control.code)
                return
            }
            flow.emit(.verifyStepUp(code: code))
        case (.stepUp, .resend):
            if let preferred = account.preferredFactor, preferred.kind == .sms {
                flow.emit(.startChallenge(factorID: preferred.id))
            }
        case (.stepUp(let stepUp), .cancel):
            flow.go(.profile(account, stepUp.target == .changePassword ? .overview : .twoFactor))
        case (.clock, .back): flow.go(.profile(account, .twoFactor))
        case (.clock, .check): Profile.checkClock(&flow)
        default: break
        }
    }

    func activateItem(_ item: String, in list: Control, _ flow: inout Transition) {
        if case .removeMethod = self, list == .methods, let account = flow.account {
            guard account.factor(id: item) != nil else { return }
            // MFA is mandatory: the last method stays.
            guard account.factors.count > 1 else {
                flow.say(.error, "profile.lastMethod")
                return
            }
            Profile.beginStepUp(.removeMethod(id: item), account, &flow)
            return
        }
        guard case .twoFactor = self else { return }
        switch list {
        case .methods:
            guard item != flow.account?.preferredFactorID else { return }
            flow.emit(.setPreferredFactor(id: item))
        case .devices: flow.emit(.revokeTrustedDevice(id: item))
        default: break
        }
    }

    func primaryAction(from field: Control) -> Control? {
        switch self {
        case .password: return .confirm
        case .stepUp: return .continueOn
        case .changePassword: return field == .confirmNewPassword ? .savePassword : nil
        case .clock: return field == .next ? .check : nil
        default: return nil
        }
    }

    func back(_ flow: inout Transition) {
        guard let account = flow.account else { return }
        switch self {
        case .overview: flow.go(.home(account, HomeState()))
        case .password, .twoFactor, .changePassword: flow.go(.profile(account, .overview))
        case .stepUp(let stepUp) where stepUp.target == .changePassword: flow.go(.profile(account, .overview))
        case .disable, .regenerate, .stepUp, .clock, .removeMethod: flow.go(.profile(account, .twoFactor))
        }
    }

    /// "Confirm it's you" by SMS: the code sent.
    func receive(_ result: EffectResult, _ flow: inout Transition) -> Bool {
        guard case .stepUp(var stepUp) = self, case .smsSent(let progress) = result, let account = flow.account
        else { return false }
        stepUp.sms = progress
        flow.update(.profile(account, .stepUp(stepUp)))
        return false
    }
}

enum Profile {
    /// Asks for the second factor before `target`; an SMS factor is sent a code.
    static func beginStepUp(_ target: StepUpTarget, _ account: AccountSummary, _ flow: inout Transition) {
        flow.go(.profile(account, .stepUp(ProfileState.StepUp(target: target))))
        if let preferred = account.preferredFactor, preferred.kind == .sms {
            flow.emit(.startChallenge(factorID: preferred.id))
        }
    }

    /// "Change password": the current password and the new one (the password policy)
    /// before the runtime checks the current one.
    static func submitPasswordChange(_ flow: inout Transition) {
        typealias Control = ProfileState.Control
        let current = flow.form.value(Control.currentPassword)
        guard !current.isEmpty else {
            flow.say(.error, "profile.currentPasswordMissing")
            flow.focus(Control.currentPassword)
            return
        }
        guard let password = flow.newPassword(Control.newPassword, confirmedBy: Control.confirmNewPassword)
        else { return }
        if password.nfc == current.nfc {
            flow.say(.error, "profile.passwordUnchanged")
            flow.focus(Control.newPassword)
            return
        }
        flow.state.messages = []
        flow.emit(.beginPasswordChange(current: current, new: password))
    }

    static func checkClock(_ flow: inout Transition) {
        typealias Control = ProfileState.Control
        let digits = flow.context.policy.totp.digits
        let first = flow.form.value(Control.first).filter { $0 != " " }
        let next = flow.form.value(Control.next).filter { $0 != " " }
        let wellFormed = [first, next].allSatisfy { code in
            code.count == digits && code.allSatisfy { $0.isASCII && $0.isNumber }
        }
        guard wellFormed else {
            flow.say(.error, "clock.format", ["digits": String(digits)])
            flow.focus(first.count == digits ? Control.next : Control.first)
            return
        }
        flow.emit(.checkPhoneClock(first: first, next: next))
    }

    static func apply(_ result: EffectResult, _ flow: inout Transition) {
        typealias Control = ProfileState.Control
        switch result {
        case .passwordConfirmed(let account):
            flow.go(.profile(account, .twoFactor))
        case .passwordRefused:
            flow.say(.error, "profile.passwordWrong")
            if case .profile(_, .changePassword) = flow.state.portal {
                flow.state.form.set(Control.currentPassword, "")
                flow.focus(Control.currentPassword)
            } else {
                flow.state.form.set(Control.password, "")
            }
        case .passwordChangeReady(let account):
            // No factor to confirm with (MFA was turned off): the password is all there is.
            if account.factors.isEmpty {
                flow.emit(.changePassword)
            } else {
                beginStepUp(.changePassword, account, &flow)
            }
        case .passwordChanged(let account, let recoveryCode):
            let notice = flow.strings["profile.passwordChanged"]
            if let recoveryCode {
                flow.go(.recoveryCode(account, RecoveryCodeState(code: recoveryCode, next: .profile, notice: notice)))
            } else {
                flow.go(.profile(account, .overview))
                flow.sayText(.success, notice)
            }
        case .accountChanged(let account, let notice):
            flow.update(account: account)
            if let notice { flow.say(.success, notice) }
        case .recoveryCodeIssued(let account, let code):
            flow.go(
                .recoveryCode(
                    account,
                    RecoveryCodeState(
                        code: code, next: .twoFactor, notice: flow.strings["profile.recoveryRegenerated"])))
        case .mfaDisabled(let account):
            flow.enterHome(account, notice: flow.strings["profile.mfaDisabled"])
        case .stepUpPassed(let account):
            var target: StepUpTarget?
            if case .profile(_, .stepUp(let stepUp)) = flow.state.portal { target = stepUp.target }
            flow.update(account: account)
            switch target {
            case .changeMethod?:
                flow.go(.enrollment(account, EnrollmentState(purpose: .changeMethod)))
            case .changeNumber?:
                flow.go(.enrollment(account, EnrollmentState(purpose: .changeNumber, method: SMSEnrollment.number(picked: nil))))
            case .disable?: flow.emit(.disableMFA)
            case .changePassword?: flow.emit(.changePassword)
            case .addBackup?:
                flow.emit(.beginBackupEnrollment)
                flow.go(.enrollment(account, EnrollmentState(purpose: .addBackup)))
            case .removeMethod(let id)?: flow.emit(.removeFactor(id: id))
            case nil: flow.go(.profile(account, .twoFactor))
            }
        case .factorRemoved(let account):
            flow.go(.profile(account, .twoFactor))
            flow.say(.success, "profile.methodRemoved")
        case .factorRemovalRefused:
            flow.say(.error, "profile.lastMethod")
        case .clockChecked(let drift):
            flow.state.form.set(Control.first, "")
            flow.state.form.set(Control.next, "")
            flow.focus(Control.first)
            switch drift {
            case nil: flow.say(.error, "clock.noMatch")
            case 0?: flow.say(.success, "clock.right", ["period": String(flow.context.policy.totp.period)])
            case let seconds?: flow.sayText(.warning, Format.skewHint(seconds, flow.strings))
            }
        default: break
        }
    }
}
