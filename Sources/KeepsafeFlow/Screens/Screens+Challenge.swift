#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The second-factor challenge at log-in.
extension ScreenBuilder {
    private mutating func challengeFooter() {
        checkbox("remember", "challenge.remember")
        button("continue", "button.continue")
    }

    mutating func codeChallenge() -> Screen {
        paragraph(state.page == .challengePushCode ? "challenge.pushCodeIntro" : "challenge.totpIntro")
        messages()
        field("code", "field.code")
        challengeFooter()
        link("another", "link.another")
        link("logout", "link.logout")
        link("help", "link.help")
        return build(titleKey: "challenge.title", defaultFocus: "code")
    }

    mutating func smsChallenge() -> Screen {
        if let sms = state.sms {
            paragraph("sms.enterCode", ["number": PhoneNumber.masked(sms.number)])
        } else {
            paragraph("challenge.smsSending")
        }
        messages()
        field("code", "field.code")
        challengeFooter()
        // No code yet (the send was refused): Resend is how to ask again.
        if state.sms == nil { button("resend", "button.resend") }
        let waiting = resendControls()
        link("another", "link.another")
        link("logout", "link.logout")
        link("help", "link.help")
        return build(titleKey: "challenge.title", defaultFocus: "code", polling: waiting)
    }

    mutating func pushChallenge() -> Screen {
        let challenge = state.challenge
        let device = state.account?.factor(id: challenge?.factorID ?? "")?.detail ?? strings["push.yourPhone"]
        let waiting = challenge?.pushOutcome == .waiting && challenge?.pushRequestID != nil
        if waiting {
            paragraph("push.check", ["device": Sanitizer.clean(device), "app": context.brand.pushAppName])
            if let number = challenge?.numberToMatch { paragraph("push.match", ["number": String(number)]) }
            if let expiry = challenge?.pushExpiresAt {
                paragraph("push.expiresIn", ["seconds": Screens.seconds(until: expiry, now: context.now)])
            }
        }
        messages()
        if !waiting { button("resend", "button.sendAgain") }
        link("manual", "challenge.manual")
        checkbox("remember", "challenge.remember")
        link("another", "link.another")
        link("logout", "link.logout")
        link("help", "link.help")
        return build(
            titleKey: "challenge.title", defaultFocus: waiting ? "manual" : "resend", polling: waiting)
    }

    mutating func chooseChallenge() -> Screen {
        paragraph("challenge.chooseIntro")
        messages()
        // Every enrolled method (switching back to the current one restarts it) and the recovery code.
        var items: [ListBox.Item] = (state.account?.factors ?? []).map {
            .init(id: $0.id, label: factorLabel($0), detail: $0.detail.map(Sanitizer.clean))
        }
        items.append(
            .init(id: "recovery", label: strings["method.recovery"], detail: strings["method.recoveryDetail"])
        )
        list("methods", "challenge.chooseList", items: items, visibleRows: 4)
        link("back", "button.back")
        link("logout", "link.logout")
        return build(titleKey: "challenge.anotherTitle", defaultFocus: "methods")
    }

    mutating func recoveryChallenge() -> Screen {
        paragraph("challenge.recoveryIntro")
        messages()
        field("code", "field.recoveryCode")
        challengeFooter()
        link("another", "link.another")
        link("logout", "link.logout")
        return build(titleKey: "challenge.title", defaultFocus: "code")
    }

    mutating func help() -> Screen {
        for topic in [
            "why", "methods", "push", "totp", "sms", "change", "lost", "disable", "expiry", "recovery",
        ] {
            heading("help.\(topic).q")
            paragraph(
                "help.\(topic).a", ["portal": context.brand.portalName, "app": context.brand.pushAppName])
        }
        button("back", "button.back")
        return build(titleKey: "help.title", defaultFocus: "back")
    }
}
