import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// F3 "Keep Your Account Safe": the method list and the push, authenticator-app and SMS
/// enrollments.
extension Transition {
    mutating func activateEnrollment(_ id: String) {
        switch (state.page, id) {
        case (.mfaChoose, "logout"): logOut()
        case (.mfaChoose, "cancel"): go(.profileMFA)
        case (_, "another"): backToChooser()
        case (.enrollPushInstall, "continue"):
            emit(.beginEnrollment(.push))
        case (.enrollPushQR, "restart"):
            emit(.beginEnrollment(.push))
        case (.enrollTOTP, "cantscan"):
            state.enrollment?.showKey.toggle()
        case (.enrollTOTP, "continue"):
            guard let ticket = state.enrollment else { return }
            guard let code = codeEntered(digits: ticket.digits) else { return }
            emit(.confirmTOTPEnrollment(factorID: ticket.factorID, code: code))
        case (.enrollSMSNumber, "continue"): submitNumber()
        case (.enrollSMSCode, "continue"):
            guard let sms = state.sms else { return }
            guard let code = codeEntered(digits: context.policy.sms.digits) else { return }
            emit(.confirmSMSEnrollment(factorID: sms.factorID, code: code, purpose: state.enrollmentPurpose))
        case (.enrollSMSCode, "resend"):
            guard let sms = state.sms else { return }
            emit(.sendEnrollmentSMS(number: sms.number, purpose: state.enrollmentPurpose))
        case (.enrollSMSCode, "changeNumber"): go(.enrollSMSNumber)
        default: break
        }
    }

    /// "Try another method" during enrollment (or Esc): back to the method list.
    mutating func backToChooser() {
        state.enrollment = nil
        if state.enrollmentPurpose == .changeNumber {
            go(.profileMFA)
        } else {
            go(.mfaChoose)
        }
    }

    mutating func chooseMethod(_ item: String) {
        guard let kind = Factor.Kind(rawValue: item) else { return }
        state.enrollment = nil
        switch kind {
        case .push: go(.enrollPushInstall)
        case .totp: emit(.beginEnrollment(.totp))
        case .sms: go(.enrollSMSNumber)
        }
    }

    mutating func chooseCountry(_ iso: String) {
        state.form.values["countryISO"] = iso
        state.form.focus = "number"
    }

    /// The code typed in the "code" field, spaces removed; nil (with a message) when it
    /// is not `digits` digits.
    mutating func codeEntered(digits: Int) -> String? {
        let code = form.value("code").filter { $0 != " " && $0 != "-" }
        guard !code.isEmpty else {
            say(.error, "code.missing")
            state.form.focus = "code"
            return nil
        }
        guard code.count == digits, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            say(.error, "code.format", ["digits": String(digits)])
            state.form.focus = "code"
            return nil
        }
        return code
    }

    /// The country picked in the SMS picker (the highlighted one when none was activated).
    var pickedCountry: Country? {
        if let iso = form.values["countryISO"], let country = context.countries.country(iso: iso) {
            return country
        }
        guard case .list(let box)? = screen.elements.first(where: { $0.focusID == "country" }),
            let index = box.selected, box.items.indices.contains(index)
        else { return nil }
        return context.countries.country(iso: box.items[index].id)
    }

    private mutating func submitNumber() {
        guard let country = pickedCountry else {
            say(.error, "sms.pickCountry")
            state.form.focus = "country"
            return
        }
        switch PhoneNumber.make(country: country, national: form.value("number")) {
        case .success(let number):
            state.messages = []
            emit(.sendEnrollmentSMS(number: number.e164, purpose: state.enrollmentPurpose))
        case .failure(let problem):
            state.messages = [Message(.error, Screens.describe(problem, country: country, strings))]
            state.form.focus = "number"
        }
    }

    mutating func pollPushEnrollment() {
        guard let ticket = state.enrollment, let transaction = ticket.transactionID else { return }
        if let expiry = ticket.expiresAt, context.now >= expiry {
            if state.messages.isEmpty { say(.warning, "push.enrollExpired") }
            return
        }
        emit(.checkPushEnrollment(factorID: ticket.factorID, transactionID: transaction))
    }

    mutating func applyEnrollment(_ result: EffectResult) {
        switch result {
        case .enrollmentStarted(let ticket):
            state.enrollment = ticket
            go(ticket.kind == .push ? .enrollPushQR : .enrollTOTP)
        case .enrollmentCompleted(let account, let code, let skew):
            state.account = account
            state.enrollment = nil
            state.sms = nil
            let purpose = state.enrollmentPurpose
            state.enrollmentPurpose = .initial
            let hint = skew == 0 ? nil : Screens.skewHint(skew, strings)
            if let code {
                let next: Page = purpose == .initial ? .home : .profileMFA
                state.recovery = RecoveryDisplay(code: code, next: next, notice: hint)
                go(.recoveryShow)
            } else {
                go(.profileMFA)
                say(.success, purpose == .changeNumber ? "profile.numberChanged" : "profile.methodChanged")
                if let hint { state.messages.append(Message(.info, hint)) }
            }
            state.signedIn = true
        default: break
        }
    }

    mutating func applySMS(_ result: EffectResult) {
        switch result {
        case .smsSent(let progress):
            state.sms = progress
            if state.page == .enrollSMSNumber { go(.enrollSMSCode) }
            say(.info, "sms.sent", ["number": PhoneNumber.masked(progress.number)])
        case .sendRefused(let decision):
            switch decision {
            case .allowed: break
            case .coolingDown(let until):
                say(.warning, "sms.cooldown", ["seconds": Screens.seconds(until: until, now: context.now)])
            case .rateLimited(let until):
                let key =
                    state.challenge?.kind == .push && state.page == .challengePush
                    ? "push.rateLimited" : "sms.rateLimited"
                say(.error, key, ["minutes": Screens.minutes(until: until, now: context.now)])
                if state.page == .challengePush { state.challenge?.pushOutcome = .notSent }
            }
        default: break
        }
    }

    mutating func applyCodeRefusal(_ refusal: CodeRefusal) {
        state.form.set("code", "")
        state.form.focus = "code"
        switch refusal {
        case .wrong(let remaining?):
            say(.error, "code.wrongRemaining", ["remaining": String(remaining)])
        case .wrong(nil): say(.error, "code.wrong")
        case .skewed(let seconds):
            sayText(.error, strings["code.wrong"] + " " + Screens.skewHint(seconds, strings))
        case .replayed: say(.error, "code.replayed")
        case .expired: say(.error, "code.expired")
        case .voided: say(.error, "code.voided")
        case .factorLocked(let until):
            say(.error, "code.locked", ["minutes": Screens.minutes(until: until, now: context.now)])
        case .malformed: say(.error, "recovery.malformed")
        case .noChallenge: say(.error, "code.noChallenge")
        }
    }
}
