import KeepsafeBase
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Push notifications to the brand's app: enroll by scanning a QR code with the app,
/// log in by approving the request on the phone (with a number to match).
enum PushMethod: SecondFactorMethod {
    static let kind = Factor.Kind.push
    static let pages: [Page] = [.enrollPushInstall, .enrollPushQR, .challengePush, .challengePushCode]
    static let usesTimeBasedCodes = true

    static func listItem(_ context: FlowContext) -> ListBox.Item {
        .init(
            id: kind.rawValue, label: context.strings["method.push"],
            detail: context.strings.format("method.pushDetail", ["app": context.brand.pushAppName]))
    }

    static func chosen(_ flow: inout Transition) { flow.showEnrollment(PushEnrollment.install) }

    static func enrollmentStarted(_ ticket: EnrollmentTicket) -> any ScreenFeature {
        PushEnrollment.scan(ticket, showsCode: false)
    }

    static func challenge(_ factor: AccountSummary.FactorSummary) -> (screen: any ScreenFeature, effect: Effect?) {
        (PushChallenge(factorID: factor.id), .startChallenge(factorID: factor.id))
    }
}

extension Page {
    static let enrollPushInstall = Page("enroll.push.install")
    static let enrollPushQR = Page("enroll.push.qr")
    static let challengePush = Page("challenge.push")
    static let challengePushCode = Page("challenge.push.code")
}

/// Push enrollment: install the app, then scan the QR code with it, or type its code
/// ("Can't scan?", as authenticator apps offer for their key).
enum PushEnrollment: ScreenFeature, Equatable {
    case install
    case scan(EnrollmentTicket, showsCode: Bool)

    enum Control: String, ControlName {
        case continueOn = "continue"
        case cantScan = "cantscan"
        case restart, another
    }

    var page: Page {
        switch self {
        case .install: return .enrollPushInstall
        case .scan: return .enrollPushQR
        }
    }

    func activate(_ control: Control, _ flow: inout Transition) {
        switch (self, control) {
        case (_, .another): Enrollment.backToChooser(&flow)
        case (.install, .continueOn), (.scan, .restart): flow.emit(.beginEnrollment(.push))
        case (.scan(let ticket, let showsCode), .cantScan):
            flow.showEnrollment(PushEnrollment.scan(ticket, showsCode: !showsCode), keepForm: true)
        default: break
        }
    }

    func back(_ flow: inout Transition) { Enrollment.backToChooser(&flow) }

    /// Waiting for the phone: ask the runtime whether it answered (until the code expires).
    func tick(_ flow: inout Transition) {
        guard case .scan(let ticket, _) = self, let transaction = ticket.transactionID else { return }
        if let expiry = ticket.expiresAt, flow.context.now >= expiry {
            if flow.state.messages.isEmpty { flow.say(.warning, "push.enrollExpired") }
            return
        }
        flow.emit(.checkPushEnrollment(factorID: ticket.factorID, transactionID: transaction))
    }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        let app = screen.context.brand.pushAppName
        switch self {
        case .install:
            screen.paragraph("push.install", ["app": app])
            screen.paragraph("push.installNext")
            screen.messages()
            screen.button(Control.continueOn, "button.continue")
            screen.link(Control.another, "link.another")
            screen.helpLink()
            return screen.build(titleKey: "choose.title", defaultFocus: Control.continueOn)
        case .scan(let ticket, let showsCode):
            screen.paragraph("push.scan", ["app": app])
            let expired = ticket.expiresAt.map { screen.now >= $0 } ?? false
            if !expired {
                screen.append(
                    .qr(
                        QRBlock(
                            payload: ticket.uri, manualKey: showsCode ? ticket.manualKey : nil,
                            caption: screen.strings.format("push.qrCaption", ["app": app]))))
                screen.link(Control.cantScan, showsCode ? "push.hideCode" : "totp.cantScan")
                if showsCode {
                    screen.paragraph("push.codeIntro", ["app": app])
                    screen.code(ticket.manualKey)
                }
                screen.paragraph("push.waiting")
            }
            screen.messages()
            if expired { screen.button(Control.restart, "button.newCode") }
            screen.link(Control.another, "link.another")
            screen.helpLink()
            return screen.build(titleKey: "choose.title", polling: !expired)
        }
    }
}

/// The push challenge at log-in: a request on the phone to approve, or a code from the
/// app typed instead.
struct PushChallenge: ScreenFeature, Equatable {
    var factorID: String
    /// The open request and its number to match (nil until the runtime sent it).
    var request: Request?
    var outcome = Outcome.waiting
    /// "Enter a code instead" was chosen.
    var typingCode = false

    struct Request: Sendable, Equatable {
        var id: String
        var numberToMatch: Int?
        var expiresAt: Date
    }

    /// Where the push request stands; only `waiting` is polled.
    enum Outcome: Sendable, Equatable { case waiting, denied, expired, notSent }

    typealias Control = ChallengeControl

    var page: Page { typingCode ? .challengePushCode : .challengePush }

    func activate(_ control: Control, _ flow: inout Transition) {
        switch control {
        case .continueOn:
            guard typingCode, let code = flow.codeEntered(digits: flow.context.policy.totp.digits) else { return }
            flow.emit(.verifyChallengeCode(factorID: factorID, code: code, remember: flow.rememberDevice))
        case .resend: flow.emit(.startChallenge(factorID: factorID))
        case .manual:
            var next = self
            next.typingCode = true
            let checks = flow.form.checks
            flow.showChallenge(next)
            flow.state.form.checks = checks
        default: Challenge.activateCommon(control, &flow)
        }
    }

    func primaryAction(from field: Control) -> Control? { .continueOn }

    func back(_ flow: inout Transition) {
        if typingCode {
            Challenge.backToChallenge(&flow)
        } else {
            flow.logOut()
        }
    }

    var home: PushChallenge {
        var home = self
        home.typingCode = false
        return home
    }

    func tick(_ flow: inout Transition) {
        guard !typingCode, outcome == .waiting, let request else { return }
        flow.emit(.checkPushLogin(requestID: request.id, remember: flow.rememberDevice))
    }

    func receive(_ result: EffectResult, _ flow: inout Transition) -> Bool {
        var next = self
        switch result {
        case .pushRequested(let id, let number, let expiresAt):
            next.request = Request(id: id, numberToMatch: number, expiresAt: expiresAt)
            next.outcome = .waiting
            flow.showChallenge(next, keepForm: true)
            flow.say(.info, "push.sent")
        case .pushWaiting: break
        case .pushDenied:
            next.outcome = .denied
            flow.showChallenge(next, keepForm: true)
            flow.say(.error, "push.denied")
        case .pushExpired:
            next.outcome = .expired
            flow.showChallenge(next, keepForm: true)
            flow.say(.warning, "push.expired")
        case .sendRefused(.rateLimited(let until)) where !typingCode:
            next.outcome = .notSent
            flow.showChallenge(next, keepForm: true)
            flow.say(.error, "push.rateLimited", ["minutes": Format.minutes(until: until, now: flow.context.now)])
        default: return false
        }
        return true
    }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        if typingCode {
            return Challenge.codeScreen(intro: "challenge.pushCodeIntro", &screen)
        }
        let app = screen.context.brand.pushAppName
        let waiting = outcome == .waiting && request != nil
        if waiting, let request {
            screen.paragraph("push.check", ["app": app])
            // The phone's name on a line of its own: it is a name, not a word of the sentence.
            if let device = screen.account?.factor(id: factorID)?.detail, !device.isEmpty {
                screen.paragraph("push.sentTo", ["device": Sanitizer.clean(device)])
            }
            if let number = request.numberToMatch { screen.paragraph("push.match", ["number": String(number)]) }
            screen.paragraph("push.expiresIn", ["seconds": Format.seconds(until: request.expiresAt, now: screen.now)])
        }
        screen.messages()
        if !waiting { screen.button(Control.resend, "button.sendAgain") }
        screen.link(Control.manual, "challenge.manual")
        screen.checkbox(Control.remember, "challenge.remember")
        screen.link(Control.another, "link.another")
        screen.link(Control.logout, "link.logout")
        screen.helpLink()
        return screen.build(
            titleKey: "challenge.title", defaultFocus: waiting ? Control.manual : Control.resend, polling: waiting)
    }
}
