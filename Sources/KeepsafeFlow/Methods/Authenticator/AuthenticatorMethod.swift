import KeepsafeBase
import KeepsafeStore

/// An authenticator app (TOTP, RFC 6238): enroll by scanning an otpauth QR code (or
/// typing its key), log in with the app's current code.
enum AuthenticatorMethod: SecondFactorMethod {
    static let kind = Factor.Kind.totp
    static let pages: [Page] = [.enrollTOTP, .challengeTOTP]
    static let usesTimeBasedCodes = true

    static func listItem(_ context: FlowContext) -> ListBox.Item {
        .init(id: kind.rawValue, label: context.strings["method.totp"], detail: context.strings["method.totpDetail"])
    }

    /// The runtime makes the secret first; the QR screen follows its answer.
    static func chosen(_ flow: inout Transition) { flow.emit(.beginEnrollment(.totp)) }

    static func enrollmentStarted(_ ticket: EnrollmentTicket) -> any ScreenFeature {
        AuthenticatorEnrollment(ticket: ticket)
    }

    static func challenge(_ factor: AccountSummary.FactorSummary) -> (screen: any ScreenFeature, effect: Effect?) {
        (AuthenticatorChallenge(factorID: factor.id), nil)
    }
}

extension Page {
    static let enrollTOTP = Page("enroll.totp")
    static let challengeTOTP = Page("challenge.totp")
}

/// Scan the QR code (or type the key), then type the app's code.
struct AuthenticatorEnrollment: ScreenFeature, Equatable {
    var ticket: EnrollmentTicket
    /// "Can't scan?" was chosen: the key and its parameters are shown.
    var showsKey = false

    enum Control: String, ControlName {
        case cantScan = "cantscan"
        case code
        case continueOn = "continue"
        case another
    }

    var page: Page { .enrollTOTP }

    func activate(_ control: Control, _ flow: inout Transition) {
        switch control {
        case .cantScan:
            var next = self
            next.showsKey.toggle()
            flow.showEnrollment(next, keepForm: true)
        case .continueOn:
            guard let code = flow.codeEntered(digits: ticket.digits) else { return }
            flow.emit(.confirmTOTPEnrollment(factorID: ticket.factorID, code: code))
        case .another: Enrollment.backToChooser(&flow)
        case .code: break
        }
    }

    func primaryAction(from field: Control) -> Control? { .continueOn }

    func back(_ flow: inout Transition) { Enrollment.backToChooser(&flow) }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        let strings = screen.strings
        screen.paragraph("totp.scan")
        screen.append(
            .qr(
                QRBlock(
                    payload: ticket.uri, manualKey: showsKey ? ticket.manualKey : nil,
                    caption: strings["totp.qrCaption"])))
        screen.link(Control.cantScan, showsKey ? "totp.hideKey" : "totp.cantScan")
        if showsKey {
            screen.paragraph("totp.keyIntro")
            screen.code(ticket.manualKey)
            screen.paragraph(
                "totp.parameters",
                [
                    "account": Sanitizer.clean(ticket.accountName),
                    "issuer": Sanitizer.clean(screen.context.brand.issuer),
                    "algorithm": ticket.algorithm, "digits": String(ticket.digits),
                    "period": String(ticket.period),
                ])
        }
        screen.messages()
        screen.field(Control.code, "field.code")
        screen.button(Control.continueOn, "button.continue")
        screen.link(Control.another, "link.another")
        screen.helpLink()
        return screen.build(titleKey: "choose.title", defaultFocus: Control.code)
    }
}

/// The authenticator app's code at log-in.
struct AuthenticatorChallenge: MethodChallenge, Equatable {
    var factorID: String
    typealias Control = ChallengeControl

    var page: Page { .challengeTOTP }
    var restartsWhenChosenAgain: Bool { true }

    func activate(_ control: Control, _ flow: inout Transition) {
        guard control == .continueOn else {
            Challenge.activateCommon(control, &flow)
            return
        }
        guard let code = flow.codeEntered(digits: flow.context.policy.totp.digits) else { return }
        flow.emit(.verifyChallengeCode(factorID: factorID, code: code, remember: flow.rememberDevice))
    }

    func primaryAction(from field: Control) -> Control? { .continueOn }

    func back(_ flow: inout Transition) { flow.logOut() }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        Challenge.codeScreen(intro: "challenge.totpIntro", &screen)
    }
}
