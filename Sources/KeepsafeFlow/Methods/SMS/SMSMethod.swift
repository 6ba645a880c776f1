import KeepsafeBase
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A code by SMS: enroll by typing the mobile number and the code sent to it, log in
/// with a fresh code each time.
enum SMSMethod: SecondFactorMethod {
    static let kind = Factor.Kind.sms
    static let pages: [Page] = [.enrollSMSNumber, .enrollSMSCode, .challengeSMS]
    static let usesTimeBasedCodes = false

    static func listItem(_ context: FlowContext) -> ListBox.Item {
        .init(id: kind.rawValue, label: context.strings["method.sms"], detail: context.strings["method.smsDetail"])
    }

    static func chosen(_ flow: inout Transition) { flow.showEnrollment(SMSEnrollment.number(picked: nil)) }

    static func enrollmentStarted(_ ticket: EnrollmentTicket) -> any ScreenFeature { SMSEnrollment.number(picked: nil) }

    static func challenge(_ factor: AccountSummary.FactorSummary) -> (screen: any ScreenFeature, effect: Effect?) {
        (SMSChallenge(factorID: factor.id), .startChallenge(factorID: factor.id))
    }
}

extension Page {
    static let enrollSMSNumber = Page("enroll.sms.number")
    static let enrollSMSCode = Page("enroll.sms.code")
    static let challengeSMS = Page("challenge.sms")
}

/// An SMS code sent and waiting to be typed.
public struct SMSProgress: Sendable, Equatable {
    public var factorID: String
    /// E.164 destination.
    public var number: String
    public var sentAt: Date
    /// "Resend" works again from then.
    public var resendAt: Date
    public init(factorID: String, number: String, sentAt: Date, resendAt: Date) {
        self.factorID = factorID
        self.number = number
        self.sentAt = sentAt
        self.resendAt = resendAt
    }
}

/// Enrollment by SMS: the country and number, then the code sent to it.
enum SMSEnrollment: ScreenFeature, Equatable {
    /// `picked`: the ISO code of the country activated in the picker.
    case number(picked: String?)
    case code(SMSProgress)

    enum Control: String, ControlName {
        case country, number, code, resend, another
        case continueOn = "continue"
        case changeNumber
    }

    var page: Page {
        switch self {
        case .number: return .enrollSMSNumber
        case .code: return .enrollSMSCode
        }
    }

    func activate(_ control: Control, _ flow: inout Transition) {
        let purpose = flow.enrollmentPurpose
        switch (self, control) {
        case (_, .another): Enrollment.backToChooser(&flow)
        case (.number, .continueOn): submitNumber(&flow)
        case (.code(let sms), .continueOn):
            guard let code = flow.codeEntered(digits: flow.context.policy.sms.digits) else { return }
            flow.emit(.confirmSMSEnrollment(factorID: sms.factorID, code: code, purpose: purpose))
        case (.code(let sms), .resend):
            flow.emit(.sendEnrollmentSMS(number: sms.number, purpose: purpose))
        case (.code, .changeNumber): flow.showEnrollment(SMSEnrollment.number(picked: nil))
        default: break
        }
    }

    func activateItem(_ item: String, in list: Control, _ flow: inout Transition) {
        guard list == .country else { return }
        flow.showEnrollment(SMSEnrollment.number(picked: item), keepForm: true)
        flow.focus(Control.number)
    }

    func primaryAction(from field: Control) -> Control? { .continueOn }

    func disabledPressed(_ control: Control, _ flow: inout Transition) {
        if control == .resend { flow.say(.info, "sms.resendWait") }
    }

    func back(_ flow: inout Transition) {
        switch self {
        case .number: Enrollment.backToChooser(&flow)
        case .code: flow.showEnrollment(SMSEnrollment.number(picked: nil))
        }
    }

    /// The code was sent: the code screen (the message says where it went).
    func receive(_ result: EffectResult, _ flow: inout Transition) -> Bool {
        guard case .smsSent(let progress) = result else { return false }
        if case .number = self {
            flow.showEnrollment(SMSEnrollment.code(progress))
        } else {
            flow.showEnrollment(SMSEnrollment.code(progress), keepForm: true)
        }
        return false
    }

    /// The country picked (the highlighted one when none was activated).
    private func pickedCountry(_ flow: inout Transition) -> Country? {
        let countries = flow.context.countries
        if case .number(let picked?) = self, let country = countries.country(iso: picked) { return country }
        guard case .list(let box)? = flow.screen().elements.first(where: { $0.focusID == Control.country.rawValue }),
            let index = box.selected, box.items.indices.contains(index)
        else { return nil }
        return countries.country(iso: box.items[index].id)
    }

    private func submitNumber(_ flow: inout Transition) {
        guard let country = pickedCountry(&flow) else {
            flow.say(.error, "sms.pickCountry")
            flow.focus(Control.country)
            return
        }
        switch PhoneNumber.make(country: country, national: flow.form.value(Control.number)) {
        case .success(let number):
            flow.state.messages = []
            flow.emit(.sendEnrollmentSMS(number: number.e164, purpose: flow.enrollmentPurpose))
        case .failure(let problem):
            flow.state.messages = [Message(.error, Format.describe(problem, country: country, flow.strings))]
            flow.focus(Control.number)
        }
    }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        var changingNumber = false
        if case .enrollment(_, let enrollment) = screen.state.portal {
            changingNumber = enrollment.purpose == .changeNumber
        }
        let anotherLabel = changingNumber ? "button.cancel" : "link.another"
        switch self {
        case .number(let picked):
            let countries = screen.context.countries
            screen.paragraph(changingNumber ? "sms.introChange" : "sms.intro")
            screen.messages()
            if let country = picked.flatMap({ countries.country(iso: $0) }) {
                screen.paragraph("sms.picked", ["country": country.label])
            }
            let filter = screen.form.filters[Control.country.rawValue] ?? ""
            screen.list(
                Control.country, "field.country",
                items: countries.search(filter).map { .init(id: $0.iso, label: $0.label) }, prefiltered: true)
            screen.field(Control.number, "field.mobile")
            screen.button(Control.continueOn, "button.continue")
            screen.link(Control.another, anotherLabel)
            screen.helpLink()
            return screen.build(titleKey: "choose.title", defaultFocus: Control.country)
        case .code(let sms):
            screen.paragraph("sms.enterCode", ["number": PhoneNumber.masked(sms.number)])
            screen.messages()
            screen.field(Control.code, "field.code")
            screen.button(Control.continueOn, "button.continue")
            let waiting = SMSResend.controls(sms, Control.resend, &screen)
            screen.link(Control.changeNumber, "sms.changeNumber")
            screen.link(Control.another, anotherLabel)
            screen.helpLink()
            return screen.build(titleKey: "choose.title", defaultFocus: Control.code, polling: waiting)
        }
    }
}

/// The SMS code at log-in.
struct SMSChallenge: MethodChallenge, Equatable {
    var factorID: String
    /// The last code sent (nil until the runtime sent one, or when the send was refused).
    var sms: SMSProgress?
    typealias Control = ChallengeControl

    var page: Page { .challengeSMS }

    func activate(_ control: Control, _ flow: inout Transition) {
        switch control {
        case .continueOn:
            guard let code = flow.codeEntered(digits: flow.context.policy.sms.digits) else { return }
            flow.emit(.verifyChallengeCode(factorID: factorID, code: code, remember: flow.rememberDevice))
        case .resend: flow.emit(.startChallenge(factorID: factorID))
        default: Challenge.activateCommon(control, &flow)
        }
    }

    func primaryAction(from field: Control) -> Control? { .continueOn }

    func disabledPressed(_ control: Control, _ flow: inout Transition) {
        if control == .resend { flow.say(.info, "sms.resendWait") }
    }

    func back(_ flow: inout Transition) { flow.logOut() }

    func receive(_ result: EffectResult, _ flow: inout Transition) -> Bool {
        guard case .smsSent(let progress) = result else { return false }
        var next = self
        next.sms = progress
        flow.showChallenge(next, keepForm: true)
        return false
    }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        if let sms {
            screen.paragraph("sms.enterCode", ["number": PhoneNumber.masked(sms.number)])
        } else {
            screen.paragraph("challenge.smsSending")
        }
        screen.messages()
        screen.field(Control.code, "field.code")
        screen.checkbox(Control.remember, "challenge.remember")
        screen.button(Control.continueOn, "button.continue")
        // No code yet (the send was refused): Resend is how to ask again.
        var waiting = false
        if let sms {
            waiting = SMSResend.controls(sms, Control.resend, &screen)
        } else {
            screen.button(Control.resend, "button.resend")
        }
        screen.link(Control.another, "link.another")
        screen.link(Control.logout, "link.logout")
        screen.helpLink()
        return screen.build(titleKey: "challenge.title", defaultFocus: Control.code, polling: waiting)
    }
}

/// "Resend", disabled (with a countdown) until the next code may be sent.
enum SMSResend {
    /// Adds the button and countdown; true while waiting (the screen polls to count down).
    static func controls<C: ControlName>(_ sms: SMSProgress, _ resend: C, _ screen: inout ScreenBuilder) -> Bool {
        let waiting = sms.resendAt > screen.now
        screen.button(resend, "button.resend", enabled: !waiting)
        if waiting {
            screen.paragraph("sms.resendIn", ["seconds": Format.seconds(until: sms.resendAt, now: screen.now)])
        }
        return waiting
    }
}
