#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// "Keep Your Account Safe" and the three enrollments.
extension ScreenBuilder {
    mutating func chooseMethod() -> Screen {
        paragraph(state.enrollmentPurpose == .initial ? "choose.intro" : "choose.introChange")
        messages()
        let app = context.brand.pushAppName
        list(
            "methods", "choose.listLabel",
            items: [
                .init(
                    id: "push", label: strings["method.push"],
                    detail: strings.format("method.pushDetail", ["app": app])),
                .init(id: "totp", label: strings["method.totp"], detail: strings["method.totpDetail"]),
                .init(id: "sms", label: strings["method.sms"], detail: strings["method.smsDetail"]),
            ], visibleRows: 3)
        if state.enrollmentPurpose == .initial {
            link("logout", "link.logout")
        } else {
            link("cancel", "button.cancel")
        }
        link("help", "link.help")
        return build(titleKey: "choose.title", defaultFocus: "methods")
    }

    mutating func pushInstall() -> Screen {
        paragraph("push.install", ["app": context.brand.pushAppName])
        paragraph("push.installNext")
        messages()
        button("continue", "button.continue")
        link("another", "link.another")
        link("help", "link.help")
        return build(titleKey: "choose.title", defaultFocus: "continue")
    }

    mutating func pushQR() -> Screen {
        paragraph("push.scan", ["app": context.brand.pushAppName])
        let expired = state.enrollment?.expiresAt.map { context.now >= $0 } ?? false
        if let ticket = state.enrollment, !expired {
            append(.qr(QRBlock(payload: ticket.uri, manualKey: nil, caption: strings["push.qrCaption"])))
            paragraph("push.waiting")
        }
        messages()
        if expired { button("restart", "button.newCode") }
        link("another", "link.another")
        link("help", "link.help")
        return build(titleKey: "choose.title", polling: !expired)
    }

    mutating func totpEnrollment() -> Screen {
        paragraph("totp.scan")
        if let ticket = state.enrollment {
            append(
                .qr(
                    QRBlock(
                        payload: ticket.uri, manualKey: ticket.showKey ? ticket.manualKey : nil,
                        caption: strings["totp.qrCaption"])))
            link("cantscan", ticket.showKey ? "totp.hideKey" : "totp.cantScan")
            if ticket.showKey {
                paragraph("totp.keyIntro")
                code(ticket.manualKey)
                paragraph(
                    "totp.parameters",
                    [
                        "account": Sanitizer.clean(ticket.accountName),
                        "issuer": Sanitizer.clean(context.brand.issuer),
                        "algorithm": ticket.algorithm, "digits": String(ticket.digits),
                        "period": String(ticket.period),
                    ])
            }
        }
        messages()
        field("code", "field.code")
        button("continue", "button.continue")
        link("another", "link.another")
        link("help", "link.help")
        return build(titleKey: "choose.title", defaultFocus: "code")
    }

    mutating func smsNumber() -> Screen {
        paragraph(state.enrollmentPurpose == .changeNumber ? "sms.introChange" : "sms.intro")
        messages()
        let picked = state.form.values["countryISO"].flatMap { context.countries.country(iso: $0) }
        if let picked { paragraph("sms.picked", ["country": picked.label]) }
        let filter = state.form.filters["country"] ?? ""
        list(
            "country", "field.country",
            items: context.countries.search(filter).map { .init(id: $0.iso, label: $0.label) },
            prefiltered: true)
        field("number", "field.mobile")
        button("continue", "button.continue")
        link("another", state.enrollmentPurpose == .changeNumber ? "button.cancel" : "link.another")
        link("help", "link.help")
        return build(titleKey: "choose.title", defaultFocus: "country")
    }

    mutating func resendControls() -> Bool {
        guard let sms = state.sms else { return false }
        let waiting = sms.resendAt > context.now
        button("resend", "button.resend", enabled: !waiting)
        if waiting {
            paragraph("sms.resendIn", ["seconds": Screens.seconds(until: sms.resendAt, now: context.now)])
        }
        return waiting
    }

    mutating func smsCode() -> Screen {
        if let sms = state.sms {
            paragraph("sms.enterCode", ["number": PhoneNumber.masked(sms.number)])
        }
        messages()
        field("code", "field.code")
        button("continue", "button.continue")
        let waiting = resendControls()
        link("changeNumber", "sms.changeNumber")
        link("another", state.enrollmentPurpose == .changeNumber ? "button.cancel" : "link.another")
        link("help", "link.help")
        return build(titleKey: "choose.title", defaultFocus: "code", polling: waiting)
    }

    mutating func recoveryCode() -> Screen {
        paragraph("recovery.intro")
        if let recovery = state.recovery { code(recovery.code) }
        paragraph("recovery.warning")
        messages()
        button("copy", "button.copy")
        field(
            "path", "field.file", value: state.form.values["path"] ?? Screens.defaultRecoveryFile,
            hint: "recovery.fileHint")
        button("save", "button.save")
        checkbox("recorded", "recovery.recorded")
        button("continue", "button.continue", enabled: state.form.isChecked("recorded"))
        return build(titleKey: "recovery.title", defaultFocus: "recorded")
    }
}
