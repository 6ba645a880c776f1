#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// "Confirm it's you", "Check my phone's clock" and the mailed code before enrolling again.
extension ScreenBuilder {
    mutating func profileVerify() -> Screen {
        paragraph("stepup.intro")
        switch state.account?.preferredFactor?.kind {
        case .sms?: paragraph("stepup.sms")
        case .push?: paragraph("stepup.push")
        case .totp?: paragraph("stepup.totp")
        case nil: break
        }
        paragraph("stepup.recovery")
        messages()
        field("code", "field.code")
        button("continue", "button.continue")
        if state.account?.preferredFactor?.kind == .sms {
            button("resend", "button.resend", enabled: state.sms.map { context.now >= $0.resendAt } ?? true)
        }
        button("cancel", "button.cancel")
        return build(titleKey: "stepup.title", defaultFocus: "code")
    }

    mutating func profileClock() -> Screen {
        paragraph("clock.intro")
        paragraph("clock.how")
        messages()
        field("first", "field.firstCode")
        field("next", "field.nextCode")
        button("check", "clock.check")
        button("back", "button.back")
        return build(titleKey: "clock.title", defaultFocus: "first")
    }

    mutating func mailVerify() -> Screen {
        paragraph("mailbox.intro", ["email": Sanitizer.clean(state.account?.email ?? "")])
        messages()
        field("code", "field.code")
        button("continue", "button.continue")
        button("resend", "button.resend")
        link("logout", "link.logout")
        return build(titleKey: "mailbox.title", defaultFocus: "code")
    }
}
