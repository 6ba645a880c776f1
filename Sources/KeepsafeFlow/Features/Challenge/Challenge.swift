import KeepsafeBase
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// F2's second step: the factor asked for at log-in (a method's own screen), "Try
/// another method" (F7) and the recovery code; "Remember this device for 30 days" (F8).
struct ChallengeState: Sendable, Equatable {
    /// The method's challenge for the factor asked for; nil when no factor is usable
    /// (only the recovery code is left).
    var method: MethodScreen?
    var screen: Screen

    enum Screen: Sendable, Equatable {
        /// The method's own screen.
        case method
        case chooseAnother
        case recoveryCode
    }

    var feature: any ScreenFeature {
        switch screen {
        case .method: return method?.base ?? RecoveryCodeChallenge()
        case .chooseAnother: return ChooseAnotherMethod(current: method)
        case .recoveryCode: return RecoveryCodeChallenge()
        }
    }
}

/// The controls of every challenge screen.
enum ChallengeControl: String, ControlName {
    case code, remember, resend, manual, another, logout, methods, back
    case continueOn = "continue"
}

extension Page {
    static let challengeChoose = Page("challenge.choose")
    static let challengeRecovery = Page("challenge.recovery")
}

/// "Try another method": every enrolled method and the recovery code.
struct ChooseAnotherMethod: ScreenFeature, Equatable {
    let current: MethodScreen?
    typealias Control = ChallengeControl
    /// The list item of the recovery code.
    static let recoveryItem = "recovery"

    var page: Page { .challengeChoose }

    func activate(_ control: Control, _ flow: inout Transition) {
        if control == .back {
            Challenge.backToChallenge(&flow)
        } else {
            Challenge.activateCommon(control, &flow)
        }
    }

    func activateItem(_ item: String, in list: Control, _ flow: inout Transition) {
        guard list == .methods, let account = flow.account else { return }
        if item == Self.recoveryItem {
            flow.go(.challenge(account, ChallengeState(method: current, screen: .recoveryCode)))
            return
        }
        // Switching back to the factor on screen goes back to it (a code-based one restarts).
        let asked = current.flatMap { $0.base as? any MethodChallenge }
        if item != asked?.factorID || asked?.restartsWhenChosenAgain ?? true {
            Challenge.start(item, account, &flow)
        } else {
            Challenge.backToChallenge(&flow)
        }
    }

    func back(_ flow: inout Transition) { Challenge.backToChallenge(&flow) }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        let strings = screen.strings
        screen.paragraph("challenge.chooseIntro")
        screen.messages()
        var items: [ListBox.Item] = (screen.account?.factors ?? []).map {
            .init(id: $0.id, label: Format.methodLabel($0.kind, strings), detail: $0.detail.map(Sanitizer.clean))
        }
        items.append(
            .init(id: Self.recoveryItem, label: strings["method.recovery"], detail: strings["method.recoveryDetail"]))
        screen.list(Control.methods, "challenge.chooseList", items: items, visibleRows: 4)
        screen.link(Control.back, "button.back")
        screen.link(Control.logout, "link.logout")
        return screen.build(titleKey: "challenge.anotherTitle", defaultFocus: Control.methods)
    }
}

/// Log in with the recovery code (F7).
struct RecoveryCodeChallenge: ScreenFeature, Equatable {
    typealias Control = ChallengeControl

    var page: Page { .challengeRecovery }

    func activate(_ control: Control, _ flow: inout Transition) {
        guard control == .continueOn else {
            Challenge.activateCommon(control, &flow)
            return
        }
        let code = flow.form.value(Control.code).trimmingWhitespace
        guard !code.isEmpty else {
            flow.say(.error, "recovery.missing")
            return
        }
        flow.emit(.verifyRecoveryCode(code, remember: flow.rememberDevice))
    }

    func primaryAction(from field: Control) -> Control? { .continueOn }

    func back(_ flow: inout Transition) { Challenge.backToChallenge(&flow) }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        screen.paragraph("challenge.recoveryIntro")
        screen.messages()
        screen.field(Control.code, "field.recoveryCode")
        screen.checkbox(Control.remember, "challenge.remember")
        screen.button(Control.continueOn, "button.continue")
        screen.link(Control.another, "link.another")
        screen.link(Control.logout, "link.logout")
        return screen.build(titleKey: "challenge.title", defaultFocus: Control.code)
    }
}

/// A method's challenge screen: which factor it asks for.
protocol MethodChallenge: ScreenFeature {
    var factorID: String { get }
    /// Choosing this factor again in "Try another method" starts it again (nothing was
    /// sent that is still worth waiting for).
    var restartsWhenChosenAgain: Bool { get }
    /// The screen to go back to from "Try another method".
    var home: Self { get }
}

extension MethodChallenge {
    var restartsWhenChosenAgain: Bool { false }
    var home: Self { self }
}

extension PushChallenge: MethodChallenge {}

/// The challenge feature's shared parts.
enum Challenge {
    /// Shows the challenge for `factorID` and asks the runtime to send what it needs.
    static func start(_ factorID: String, _ account: AccountSummary, _ flow: inout Transition) {
        guard let factor = account.factor(id: factorID), let method = Methods.method(factor.kind) else {
            let current: MethodScreen? =
                if case .challenge(_, let state) = flow.state.portal { state.method } else { nil }
            flow.go(.challenge(account, ChallengeState(method: current, screen: .recoveryCode)))
            return
        }
        let (screen, effect) = method.challenge(factor)
        flow.go(.challenge(account, ChallengeState(method: MethodScreen(screen), screen: .method)))
        if let effect { flow.emit(effect) }
    }

    /// "Try another method" and "Log out", the same on every challenge screen.
    static func activateCommon(_ control: ChallengeControl, _ flow: inout Transition) {
        switch control {
        case .another:
            guard case .challenge(let account, let state) = flow.state.portal else { return }
            flow.go(.challenge(account, ChallengeState(method: state.method, screen: .chooseAnother)))
        case .logout: flow.logOut()
        default: break
        }
    }

    /// Back from "Try another method" to the factor being asked for.
    static func backToChallenge(_ flow: inout Transition) {
        guard case .challenge(let account, let state) = flow.state.portal else { return }
        guard let method = state.method else {
            flow.go(.challenge(account, ChallengeState(method: nil, screen: .chooseAnother)))
            return
        }
        let home = (method.base as? any MethodChallenge).map { MethodScreen($0.home) } ?? method
        flow.go(.challenge(account, ChallengeState(method: home, screen: .method)))
    }

    /// A code challenge screen: the intro, the code, "Remember this device", Continue.
    static func codeScreen(intro: String, _ screen: inout ScreenBuilder) -> Screen {
        typealias Control = ChallengeControl
        screen.paragraph(intro)
        screen.messages()
        screen.field(Control.code, "field.code")
        screen.checkbox(Control.remember, "challenge.remember")
        screen.button(Control.continueOn, "button.continue")
        screen.link(Control.another, "link.another")
        screen.link(Control.logout, "link.logout")
        screen.helpLink()
        return screen.build(titleKey: "challenge.title", defaultFocus: Control.code)
    }

    static func apply(_ result: EffectResult, _ flow: inout Transition) {
        guard case .challengePassed(let account, let code, let skew) = result else { return }
        let hint = skew == 0 ? nil : Format.skewHint(skew, flow.strings)
        if let code {
            flow.go(
                .recoveryCode(
                    account,
                    RecoveryCodeState(code: code, next: .home, notice: flow.strings["recovery.usedNotice"])))
        } else {
            flow.enterHome(account, notice: hint)
        }
    }
}

extension Transition {
    /// "Remember this device for 30 days" is ticked.
    var rememberDevice: Bool { form.isChecked(ChallengeControl.remember) }

    /// Shows the method challenge `method` (keeping the form when it is the same screen
    /// with news).
    mutating func showChallenge(_ method: any ScreenFeature, keepForm: Bool = false) {
        guard let account else { return }
        let portal = PortalState.challenge(account, ChallengeState(method: MethodScreen(method), screen: .method))
        if keepForm { update(portal) } else { go(portal) }
    }
}
