import KeepsafeBase
import KeepsafeStore

extension ProfileState {
    func build(_ screen: inout ScreenBuilder) -> Screen {
        switch self {
        case .overview: return overview(&screen)
        case .password:
            screen.paragraph("profile.passwordIntro")
            screen.messages()
            screen.field(Control.password, "field.password", masked: true)
            screen.button(Control.confirm, "button.confirm")
            screen.button(Control.cancel, "button.cancel")
            return screen.build(titleKey: "twofactor.title", defaultFocus: Control.password)
        case .twoFactor: return twoFactor(&screen)
        case .disable:
            screen.message(.warning, screen.strings["twofactor.disableWarning"])
            screen.paragraph("twofactor.disableNext")
            screen.messages()
            screen.button(Control.cancel, "button.cancel")
            screen.button(Control.disable, "twofactor.disable")
            return screen.build(titleKey: "twofactor.title", defaultFocus: Control.cancel)
        case .regenerate:
            screen.message(.warning, screen.strings["twofactor.regenerateWarning"])
            screen.messages()
            screen.button(Control.cancel, "button.cancel")
            screen.button(Control.regenerate, "twofactor.regenerateConfirm")
            return screen.build(titleKey: "twofactor.regenerateTitle", defaultFocus: Control.cancel)
        case .stepUp(let stepUp): return self.stepUp(stepUp, &screen)
        case .clock:
            screen.paragraph("clock.intro")
            screen.paragraph("clock.how")
            screen.messages()
            screen.field(Control.first, "field.firstCode")
            screen.field(Control.next, "field.nextCode")
            screen.button(Control.check, "clock.check")
            screen.button(Control.back, "button.back")
            return screen.build(titleKey: "clock.title", defaultFocus: Control.first)
        case .removeMethod:
            screen.paragraph("profile.removeIntro")
            screen.messages()
            if let account = screen.account {
                let strings = screen.strings
                screen.list(
                    Control.methods, "profile.removeList",
                    items: account.factors.map {
                        .init(
                            id: $0.id, label: Format.methodLabel($0.kind, strings),
                            detail: $0.detail.map(Sanitizer.clean))
                    }, visibleRows: 3)
                if account.factors.count < 2 { screen.message(.warning, strings["profile.lastMethod"]) }
            }
            screen.button(Control.back, "button.back")
            return screen.build(titleKey: "profile.removeTitle", defaultFocus: Control.methods)
        case .changePassword:
            screen.paragraph("profile.changePasswordIntro")
            screen.messages()
            screen.field(Control.currentPassword, "field.currentPassword", masked: true)
            screen.field(Control.newPassword, "field.newPassword", masked: true)
            screen.passwordRules()
            screen.field(Control.confirmNewPassword, "field.confirmNewPassword", masked: true)
            screen.button(Control.savePassword, "profile.changePasswordButton")
            screen.button(Control.cancel, "button.cancel")
            return screen.build(titleKey: "profile.changePasswordTitle", defaultFocus: Control.currentPassword)
        }
    }

    private func overview(_ screen: inout ScreenBuilder) -> Screen {
        if let account = screen.account {
            screen.paragraph("profile.name", ["name": Sanitizer.clean(account.displayName)])
            screen.paragraph("profile.email", ["email": Sanitizer.clean(account.email)])
            screen.paragraph("profile.company", ["company": Sanitizer.clean(account.companyName)])
        }
        screen.messages()
        screen.link(Control.mfa, "link.twoFactor")
        screen.link(Control.changePassword, "link.changePassword")
        screen.link(Control.home, "button.home")
        return screen.build(titleKey: "profile.title", defaultFocus: Control.mfa)
    }

    private func twoFactor(_ screen: inout ScreenBuilder) -> Screen {
        screen.messages()
        guard let account = screen.account else { return screen.build(titleKey: "twofactor.title") }
        let strings = screen.strings
        if let preferred = account.preferredFactor {
            screen.paragraph("twofactor.preferred", ["method": Format.methodLabel(preferred.kind, strings)])
            screen.list(
                Control.methods, "twofactor.methods",
                items: account.factors.map {
                    .init(
                        id: $0.id, label: Format.methodLabel($0.kind, strings),
                        detail: [
                            $0.detail.map(Sanitizer.clean),
                            $0.id == account.preferredFactorID ? strings["twofactor.preferredMark"] : nil,
                        ].compactMap { $0 }.joined(separator: " · "))
                }, visibleRows: 3)
            screen.paragraph("twofactor.methodsHint")
        } else {
            screen.paragraph("twofactor.none")
        }
        screen.button(Control.change, account.factors.isEmpty ? "twofactor.enroll" : "twofactor.change")
        let kinds = Set(account.factors.map(\.kind))
        if !account.factors.isEmpty, Methods.all.contains(where: { !kinds.contains($0.kind) }) {
            screen.button(Control.addBackup, "twofactor.addBackup")
        }
        // The last method is never removed: MFA is mandatory.
        if account.factors.count > 1 { screen.button(Control.removeMethod, "twofactor.removeMethod") }
        if account.factor(kind: .sms) != nil { screen.button(Control.number, "twofactor.changeNumber") }
        if !account.factors.isEmpty { screen.button(Control.regenerate, "twofactor.regenerate") }
        let timeBased = account.factors.contains { Methods.method($0.kind)?.usesTimeBasedCodes ?? false }
        if timeBased { screen.button(Control.clock, "twofactor.checkClock") }
        screen.heading("twofactor.devices")
        if account.trustedDevices.isEmpty {
            screen.paragraph("twofactor.noDevices")
        } else {
            screen.list(
                Control.devices, "twofactor.devicesList",
                items: account.trustedDevices.map {
                    .init(
                        id: $0.id, label: Sanitizer.clean($0.name),
                        detail: [
                            strings.format(
                                $0.isThisDevice ? "twofactor.deviceThis" : "twofactor.deviceUntil",
                                ["date": ISO8601.day($0.expiresAt)]),
                            $0.lastUsedAt.map { strings.format("twofactor.deviceLastUsed", ["time": ISO8601.readable($0)]) },
                        ].compactMap { $0 }.joined(separator: " · "))
                }, visibleRows: 4)
            screen.paragraph("twofactor.devicesHint")
            screen.button(Control.forgetDevices, "twofactor.forgetDevices")
        }
        // Below the devices: the page's first screenful stays what it was.
        readiness(account, &screen)
        if !account.factors.isEmpty { screen.button(Control.disable, "twofactor.disable") }
        screen.button(Control.back, "button.back")
        return screen.build(titleKey: "twofactor.title", defaultFocus: Control.methods)
    }

    /// Recovery readiness: the methods set up, whether a recovery code is set, and a
    /// warning when a single method (or none) stands between the owner and a lock-out.
    private func readiness(_ account: AccountSummary, _ screen: inout ScreenBuilder) {
        let strings = screen.strings
        screen.heading("twofactor.readiness")
        let methods = account.factors.map { factor in
            [Format.methodLabel(factor.kind, strings), factor.detail.map(Sanitizer.clean)].compactMap { $0 }
                .joined(separator: " ")
        }
        screen.paragraphText(
            strings.format(
                "twofactor.readinessMethods",
                [
                    "count": String(methods.count),
                    "methods": methods.isEmpty ? strings["twofactor.readinessNone"] : methods.joined(separator: ", "),
                ]))
        screen.paragraph(account.hasRecoveryCode ? "twofactor.recoverySet" : "twofactor.recoveryMissing")
        if account.factors.count == 1 {
            screen.message(.warning, strings["twofactor.singleMethod"])
        }
    }

    private func stepUp(_ stepUp: StepUp, _ screen: inout ScreenBuilder) -> Screen {
        screen.paragraph(stepUp.target == .changePassword ? "stepup.introPassword" : "stepup.intro")
        let preferred = screen.account?.preferredFactor?.kind
        if let preferred { screen.paragraph("stepup.\(preferred.rawValue)") }
        screen.paragraph("stepup.recovery")
        screen.messages()
        screen.field(Control.code, "field.code")
        screen.button(Control.continueOn, "button.continue")
        if preferred == .sms {
            let now = screen.now
            screen.button(Control.resend, "button.resend", enabled: stepUp.sms.map { now >= $0.resendAt } ?? true)
        }
        screen.button(Control.cancel, "button.cancel")
        return screen.build(titleKey: "stepup.title", defaultFocus: Control.code)
    }
}
