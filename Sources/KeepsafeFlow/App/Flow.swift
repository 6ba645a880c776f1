import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The portal's state machine. `reduce` is pure: it reads only its arguments and says
/// what the runtime must do as `Effect` values. It is the root of the features: it
/// finds the screen's feature and scopes each event to it.
public enum Flow {
    /// The next state and the effects to perform, for one event.
    public static func reduce(_ state: FlowState, _ event: FlowEvent, _ context: FlowContext)
        -> (FlowState, [Effect])
    {
        reduce(state, event, context, screen: nil)
    }

    /// `reduce` with the screen of `state` already built (the session keeps it).
    static func reduce(_ state: FlowState, _ event: FlowEvent, _ context: FlowContext, screen: Screen?)
        -> (FlowState, [Effect])
    {
        let (next, effects, _) = reduce(state, event, context, screen: screen, typingInto: nil)
        return (next, effects)
    }

    /// `reduce`, also given the focused field of `state` when the session knows it (the
    /// field the last key edited, which no other change has touched since), and telling
    /// which field this event edited, as it now reads. A key that only edits that field
    /// then needs no screen built: typing a sign-up form builds one screen per field,
    /// not one per character.
    static func reduce(
        _ state: FlowState, _ event: FlowEvent, _ context: FlowContext, screen: Screen?, typingInto field: Field?
    ) -> (FlowState, [Effect], edited: Field?) {
        var next = Transition(state: state, context: context, screen: screen)
        next.typingInto = field
        switch event {
        case .key(let key): next.handle(key)
        case .focus(let id): next.focus(id)
        case .select(let list, let index): next.select(list: list, index: index)
        case .tick: next.feature.tick(&next)
        case .result(let result): next.apply(result)
        case .systemSignedIn(let account, let code): Entry.beginSystemEnrollment(account, code, &next)
        }
        return (next.state, next.effects, next.edited)
    }
}

/// One step of the flow under construction: the state being changed and the effects
/// collected. The features change it through the helpers below.
struct Transition {
    var state: FlowState
    let context: FlowContext
    private(set) var effects: [Effect] = []
    /// The screen of the state the event arrived in, built at most once per event.
    private var arrivalScreen: Screen?
    /// The focused field of the arrival state, when the session knows it without a screen.
    var typingInto: Field?
    /// The field a key edited (and nothing else), as it reads now.
    private(set) var edited: Field?

    init(state: FlowState, context: FlowContext, screen: Screen? = nil) {
        self.state = state
        self.context = context
        arrivalScreen = screen
    }

    var strings: Strings { context.strings }
    var form: FormState {
        get { state.form }
        set { state.form = newValue }
    }
    var account: AccountSummary? { state.portal.account }
    var feature: any ScreenFeature { state.portal.feature }

    /// The screen the event arrived on (what is focusable, and in which order).
    mutating func screen() -> Screen {
        if let arrivalScreen { return arrivalScreen }
        let made = Screens.make(state, context)
        arrivalScreen = made
        return made
    }

    mutating func emit(_ effect: Effect) { effects.append(effect) }

    /// Moves to `portal` with a fresh form and no messages.
    mutating func go(_ portal: PortalState) {
        state.portal = portal
        state.form = FormState()
        state.messages = []
    }

    /// Stays on the same screen with its state changed (the form and messages stay).
    mutating func update(_ portal: PortalState) { state.portal = portal }

    /// The account changed (the runtime reported it): every screen shows the new one.
    mutating func update(account: AccountSummary) { state.portal = state.portal.with(account: account) }

    mutating func say(_ kind: Message.Kind, _ key: String, _ values: [String: String] = [:]) {
        state.messages = [Message(kind, strings.format(key, values))]
    }

    mutating func sayText(_ kind: Message.Kind, _ text: String) {
        state.messages = [Message(kind, text)]
    }

    mutating func focus<C: ControlName>(_ control: C) { state.form.focus(control) }

    // MARK: focus

    mutating func focus(_ id: String) {
        let current = screen()
        guard current.elements.contains(where: { $0.focusID == id }) else { return }
        focusChanged(from: current.focus, to: id)
    }

    /// Sets the focus and tells the feature which control was left.
    mutating func focusChanged(from old: String?, to new: String) {
        state.form.focus = new
        if let old, old != new { feature.focusLeft(id: old, &self) }
    }

    mutating func select(list: String, index: Int) {
        guard case .list(let box)? = screen().elements.first(where: { $0.focusID == list }),
            box.items.indices.contains(index)
        else { return }
        state.form.focus = list
        state.form.selections[list] = index
    }

    mutating func moveFocus(by step: Int) {
        let current = screen()
        guard let next = FormEngine.focus(after: current.focus, by: step, in: current.elements.compactMap(\.focusID))
        else { return }
        focusChanged(from: current.focus, to: next)
    }

    // MARK: keys

    mutating func handle(_ key: Key) {
        if editTypedField(key) { return }
        let current = screen()
        let focused = current.focus.flatMap { id in current.elements.first { $0.focusID == id } }
        var editing = false
        if case .field(let field)? = focused { editing = field.editable }
        if key == .help || (key == .character("?") && !editing) {
            openHelp()
            return
        }
        if key == .escape {
            feature.back(&self)
            return
        }
        let before = state.form
        switch FormEngine.handle(key, on: focused, form: &state.form) {
        case .none:
            if case .field(var field)? = focused, field.editable, state.form != before {
                field.value = state.form.value(field.id)
                field.cursor = state.form.cursors[field.id] ?? field.value.count
                edited = field
            }
        case .moveFocus(let step): moveFocus(by: step)
        case .submit(let field): submit(from: field)
        case .press(let button): press(button)
        case .activate(let id): activate(id)
        case .activateItem(let list, let item): feature.activateItem(item, inList: list, &self)
        }
    }

    /// A line-editing key on the field the session says has the focus: what the form
    /// engine does with it there, when that is an edit and nothing else. Any other outcome
    /// (a move, a submit, a key the field refuses) takes the full path with the screen.
    private mutating func editTypedField(_ key: Key) -> Bool {
        guard var field = typingInto, field.editable, field.id == state.form.focus,
            field.value == state.form.value(field.id)
        else { return false }
        switch key {
        case .character, .space, .backspace, .delete, .left, .right, .home, .end, .control: break
        default: return false
        }
        var form = state.form
        guard case .none = FormEngine.handle(key, on: .field(field), form: &form), form != state.form else {
            return false
        }
        state.form = form
        field.value = form.value(field.id)
        field.cursor = form.cursors[field.id] ?? field.value.count
        edited = field
        return true
    }

    private mutating func press(_ button: Button) {
        guard button.enabled else {
            feature.disabledPressed(id: button.id, &self)
            return
        }
        activate(button.id)
    }

    /// Enter in a field: the page's primary action, else the next control.
    mutating func submit(from field: String) {
        guard let id = feature.primaryAction(fromID: field) else {
            moveFocus(by: 1)
            return
        }
        if case .button(let button)? = screen().elements.first(where: { $0.focusID == id }) {
            press(button)
        }
    }

    /// A button, link or banner was activated.
    mutating func activate(_ id: String) {
        if SharedControl(rawValue: id) == .help {
            openHelp()
            return
        }
        feature.activate(id: id, &self)
    }

    mutating func openHelp() {
        if case .help = state.portal { return }
        let saved = state.form
        go(.help(HelpState(returnTo: state.portal, savedForm: saved)))
        // Help keeps the page's form so Back returns to what was typed.
        state.form.values = saved.values
        state.form.cursors = saved.cursors
        state.form.checks = saved.checks
    }

    mutating func logOut() {
        let finished = state.finished || state.systemEnrollment
        state = FlowState()
        state.finished = finished
        emit(.logOut)
    }

    /// Home once the second factor is done (or the end of `keepsafe enroll`).
    mutating func enterHome(_ account: AccountSummary, notice: String?) {
        if state.systemEnrollment {
            // `keepsafe enroll` is done: the log-in it guards goes on.
            update(account: account)
            state.finished = true
            return
        }
        go(.home(account, HomeState(notice: notice)))
    }

    /// The code typed in the code field, spaces and dashes removed; nil (with a message)
    /// when it is not `digits` digits.
    mutating func codeEntered(digits: Int) -> String? {
        let code = form.value(SharedControl.code).filter { $0 != " " && $0 != "-" }
        guard !code.isEmpty else {
            say(.error, "code.missing")
            focus(SharedControl.code)
            return nil
        }
        guard code.count == digits, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            say(.error, "code.format", ["digits": String(digits)])
            focus(SharedControl.code)
            return nil
        }
        return code
    }

    /// The new password typed in `password`, when it follows the password policy and
    /// `confirmation` repeats it; nil (with the policy's message, the faulty field focused)
    /// otherwise. Resetting and changing a password ask the same of it.
    mutating func newPassword<C: ControlName>(_ password: C, confirmedBy confirmation: C) -> String? {
        let typed = form.value(password)
        if let problem = PasswordPolicy.check(
            typed, confirmation: form.value(confirmation), policy: context.policy.password,
            common: context.commonPasswords)
        {
            sayText(.error, Format.describe(problem, strings))
            if problem == .mismatch { focus(confirmation) } else { focus(password) }
            return nil
        }
        return typed
    }

    // MARK: results

    mutating func apply(_ result: EffectResult) {
        // The screen's own state first (a code sent, a push answered)...
        if feature.receive(result, &self) { return }
        // ...then the feature that asked for it, wherever the portal is now.
        switch result {
        case .failed(let text):
            sayText(.error, strings.format("error.store", ["reason": Sanitizer.clean(text)]))
        case .saved, .saveWouldReplace, .saveFailed:
            break  // Only the recovery code screen saves, and it says how it went.
        case .loggedIn, .logInRefused, .invitationLookedUp, .signedUp, .signUpRefused:
            Entry.apply(result, &self)
        case .passwordResetRequested, .passwordResetRefused, .passwordResetDone:
            PasswordReset.apply(result, &self)
        case .enrollmentStarted, .enrollmentCompleted:
            Enrollment.apply(result, &self)
        case .smsSent(let progress):
            say(.info, "sms.sent", ["number": PhoneNumber.masked(progress.number)])
        case .sendRefused(let decision):
            switch decision {
            case .allowed: break
            case .coolingDown(let until):
                say(.warning, "sms.cooldown", ["seconds": Format.seconds(until: until, now: context.now)])
            case .rateLimited(let until):
                say(.error, "sms.rateLimited", ["minutes": Format.minutes(until: until, now: context.now)])
            }
        case .codeRefused(let refusal):
            refuseCode(refusal)
        case .pushRequested, .pushWaiting, .pushDenied, .pushExpired:
            break  // only a push screen keeps these
        case .challengePassed:
            Challenge.apply(result, &self)
        case .passwordConfirmed, .passwordRefused, .passwordChangeReady, .passwordChanged, .accountChanged, .recoveryCodeIssued, .mfaDisabled,
            .factorRemoved, .factorRemovalRefused,
            .stepUpPassed, .clockChecked:
            Profile.apply(result, &self)
        case .mailboxCodeSent, .mailboxProved:
            Mailbox.apply(result, &self)
        case .inviteSent, .inviteRefused:
            Invite.apply(result, &self)
        }
    }

    private mutating func refuseCode(_ refusal: CodeRefusal) {
        state.form.set(SharedControl.code, "")
        focus(SharedControl.code)
        switch refusal {
        case .wrong(let remaining?):
            say(.error, "code.wrongRemaining", ["remaining": String(remaining)])
        case .wrong(nil): say(.error, "code.wrong")
        case .replayed: say(.error, "code.replayed")
        case .expired: say(.error, "code.expired")
        case .voided: say(.error, "code.voided")
        case .factorLocked(let until):
            say(.error, "code.locked", ["minutes": Format.minutes(until: until, now: context.now)])
        case .malformed: say(.error, "recovery.malformed")
        case .noChallenge: say(.error, "code.noChallenge")
        }
    }
}
