import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Home, invite a co-worker and My Profile.
extension ScreenBuilder {
    var accountName: String { Sanitizer.clean(state.account?.displayName ?? "") }

    mutating func home() -> Screen {
        let announcement = context.brand.announcement
        if !announcement.isEmpty, state.account?.announcementDismissed != true {
            append(
                .banner(Banner(id: "announcement", text: Sanitizer.clean(announcement), dismissible: true)))
        }
        heading("home.welcome", ["name": accountName])
        if let account = state.account {
            paragraph(
                "home.company",
                ["company": Sanitizer.clean(account.companyName), "email": Sanitizer.clean(account.email)])
            if account.factors.isEmpty { message(.warning, strings["home.noMFA"]) }
        }
        if let notice = state.notice { message(.info, notice) }
        messages()
        link("profile", "link.profile")
        link("invite", "link.invite")
        link("help", "link.help")
        link("logout", "link.logout")
        return build(titleKey: "home.title", defaultFocus: "profile")
    }

    mutating func invite() -> Screen {
        paragraph("invite.intro", ["portal": context.brand.portalName])
        messages()
        field("email", "field.email")
        button("send", "button.sendInvite")
        button("cancel", "button.cancel")
        return build(titleKey: "invite.title", defaultFocus: "email")
    }

    mutating func inviteSent() -> Screen {
        paragraph(
            "invite.sentBody",
            ["email": Sanitizer.clean(state.inviteSentTo ?? ""), "portal": context.brand.portalName])
        messages()
        button("another", "button.inviteAnother")
        button("home", "button.home")
        return build(titleKey: "invite.sentTitle", defaultFocus: "home")
    }

    mutating func profile() -> Screen {
        if let account = state.account {
            paragraph("profile.name", ["name": accountName])
            paragraph("profile.email", ["email": Sanitizer.clean(account.email)])
            paragraph("profile.company", ["company": Sanitizer.clean(account.companyName)])
        }
        messages()
        link("mfa", "link.twoFactor")
        link("home", "button.home")
        return build(titleKey: "profile.title", defaultFocus: "mfa")
    }

    mutating func profilePassword() -> Screen {
        paragraph("profile.passwordIntro")
        messages()
        field("password", "field.password", masked: true)
        button("confirm", "button.confirm")
        button("cancel", "button.cancel")
        return build(titleKey: "twofactor.title", defaultFocus: "password")
    }

    /// The label of a factor in lists: "SMS (+44••••••12)".
    func factorLabel(_ factor: AccountSummary.FactorSummary) -> String {
        let name = Screens.methodLabel(factor.kind.rawValue, strings)
        return name
    }

    mutating func profileMFA() -> Screen {
        messages()
        guard let account = state.account else { return build(titleKey: "twofactor.title") }
        if let preferred = account.preferredFactor {
            paragraph("twofactor.preferred", ["method": factorLabel(preferred)])
            list(
                "methods", "twofactor.methods",
                items: account.factors.map {
                    .init(
                        id: $0.id, label: factorLabel($0),
                        detail: [
                            $0.detail.map(Sanitizer.clean),
                            $0.id == account.preferredFactorID ? strings["twofactor.preferredMark"] : nil,
                        ].compactMap { $0 }.joined(separator: " · "))
                }, visibleRows: 3)
            paragraph("twofactor.methodsHint")
        } else {
            paragraph("twofactor.none")
        }
        button("change", account.factors.isEmpty ? "twofactor.enroll" : "twofactor.change")
        if account.factor(kind: .sms) != nil { button("number", "twofactor.changeNumber") }
        if !account.factors.isEmpty { button("regenerate", "twofactor.regenerate") }
        heading("twofactor.devices")
        if account.trustedDevices.isEmpty {
            paragraph("twofactor.noDevices")
        } else {
            list(
                "devices", "twofactor.devicesList",
                items: account.trustedDevices.map {
                    .init(
                        id: $0.id, label: Sanitizer.clean($0.name),
                        detail: strings.format(
                            $0.isThisDevice ? "twofactor.deviceThis" : "twofactor.deviceUntil",
                            ["date": ISO8601.day($0.expiresAt)]))
                }, visibleRows: 4)
            paragraph("twofactor.devicesHint")
        }
        if !account.factors.isEmpty { button("disable", "twofactor.disable") }
        button("back", "button.back")
        return build(titleKey: "twofactor.title", defaultFocus: "methods")
    }

    mutating func profileDisable() -> Screen {
        message(.warning, strings["twofactor.disableWarning"])
        paragraph("twofactor.disableNext")
        messages()
        button("cancel", "button.cancel")
        button("disable", "twofactor.disable")
        return build(titleKey: "twofactor.title", defaultFocus: "cancel")
    }
}
