import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The portal's state machine. `reduce` is pure: it reads only its arguments and says
/// what the runtime must do as `Effect` values.
public enum Flow {
    /// The next state and the effects to perform, for one event.
    public static func reduce(_ state: FlowState, _ event: FlowEvent, _ context: FlowContext)
        -> (FlowState, [Effect])
    {
        var next = Transition(state: state, context: context)
        switch event {
        case .key(let key): next.handle(key)
        case .focus(let id): next.focus(id)
        case .select(let list, let index): next.select(list: list, index: index)
        case .tick: next.tick()
        case .result(let result): next.apply(result)
        case .systemSignedIn(let account, let code): next.beginSystemEnrollment(account, recoveryCode: code)
        }
        return (next.state, next.effects)
    }
}

/// One step of the flow under construction: the state being changed and the effects
/// collected. The per-flow files extend it.
struct Transition {
    var state: FlowState
    let context: FlowContext
    var effects: [Effect] = []

    init(state: FlowState, context: FlowContext) {
        self.state = state
        self.context = context
    }

    /// Longer than any valid input (passwords stop at 256): a bound on pasted text.
    static let maximumFieldLength = 1024

    var strings: Strings { context.strings }
    var form: FormState {
        get { state.form }
        set { state.form = newValue }
    }

    /// The current screen model (to know what is focusable, and in which order).
    var screen: Screen { Screens.make(state, context) }

    mutating func emit(_ effect: Effect) { effects.append(effect) }

    /// Moves to `page` with a fresh form and no messages.
    mutating func go(_ page: Page) {
        state.page = page
        state.form = FormState()
        state.messages = []
    }

    mutating func say(_ kind: Message.Kind, _ key: String, _ values: [String: String] = [:]) {
        state.messages = [Message(kind, strings.format(key, values))]
    }

    mutating func sayText(_ kind: Message.Kind, _ text: String) {
        state.messages = [Message(kind, text)]
    }

    // MARK: focus

    mutating func focus(_ id: String) {
        let current = screen
        guard current.elements.contains(where: { $0.focusID == id }) else { return }
        focusChanged(from: current.focus, to: id)
    }

    /// Sets the focus, noticing when the sign-up email field is left.
    mutating func focusChanged(from old: String?, to new: String) {
        state.form.focus = new
        if old == "email", new != "email" { emailFieldLeft() }
    }

    mutating func select(list: String, index: Int) {
        guard case .list(let box)? = screen.elements.first(where: { $0.focusID == list }),
            box.items.indices.contains(index)
        else { return }
        state.form.focus = list
        state.form.selections[list] = index
    }

    /// The focused element of the current screen.
    var focusedElement: Element? {
        let current = screen
        guard let id = current.focus else { return nil }
        return current.elements.first { $0.focusID == id }
    }

    mutating func moveFocus(by step: Int) {
        let current = screen
        let ids = current.elements.compactMap(\.focusID)
        guard !ids.isEmpty else { return }
        let index = current.focus.flatMap { ids.firstIndex(of: $0) } ?? 0
        focusChanged(from: current.focus, to: ids[(index + step + ids.count) % ids.count])
    }

    // MARK: keys

    mutating func handle(_ key: Key) {
        if key == .help || (key == .character("?") && !isEditingField) {
            openHelp()
            return
        }
        if key == .escape {
            back()
            return
        }
        switch focusedElement {
        case .field(let field)?: handleField(field, key)
        case .list(let box)?: handleList(box, key)
        case .checkbox(let box)?:
            switch key {
            case .space, .enter: state.form.checks[box.id] = !box.checked
            default: handleNavigation(key)
            }
        case .button(let button)?, .link(let button)?:
            switch key {
            case .space, .enter: press(button)
            default: handleNavigation(key)
            }
        case .banner(let banner)?:
            switch key {
            case .space, .enter: activate(banner.id)
            default: handleNavigation(key)
            }
        default: handleNavigation(key)
        }
    }

    private var isEditingField: Bool {
        if case .field(let field)? = focusedElement { return field.editable }
        return false
    }

    private mutating func handleNavigation(_ key: Key) {
        switch key {
        case .tab, .down: moveFocus(by: 1)
        case .backTab, .up: moveFocus(by: -1)
        default: break
        }
    }

    private mutating func press(_ button: Button) {
        guard button.enabled else {
            disabledPressed(button.id)
            return
        }
        activate(button.id)
    }

    private mutating func handleField(_ field: Field, _ key: Key) {
        var value = Array(field.value)
        var cursor = min(max(field.cursor, 0), value.count)
        switch key {
        case .character(let character):
            guard field.editable, Sanitizer.isTypeable(character), value.count < Self.maximumFieldLength
            else {
                return
            }
            value.insert(character, at: cursor)
            cursor += 1
        case .space:
            guard field.editable, value.count < Self.maximumFieldLength else { return }
            value.insert(" ", at: cursor)
            cursor += 1
        case .backspace:
            guard field.editable, cursor > 0 else { return }
            value.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard field.editable, cursor < value.count else { return }
            value.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(value.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = value.count
        case .enter:
            submit(from: field.id)
            return
        default:
            handleNavigation(key)
            return
        }
        state.form.values[field.id] = String(value)
        state.form.cursors[field.id] = cursor
    }

    private mutating func handleList(_ box: ListBox, _ key: Key) {
        let selected = box.selected ?? 0
        switch key {
        case .up:
            if selected > 0 { state.form.selections[box.id] = selected - 1 } else { moveFocus(by: -1) }
        case .down:
            if selected + 1 < box.items.count {
                state.form.selections[box.id] = selected + 1
            } else {
                moveFocus(by: 1)
            }
        case .pageUp: state.form.selections[box.id] = max(0, selected - box.visibleRows)
        case .pageDown:
            state.form.selections[box.id] = max(0, min(box.items.count - 1, selected + box.visibleRows))
        case .home: state.form.selections[box.id] = 0
        case .end: state.form.selections[box.id] = max(0, box.items.count - 1)
        case .character(let character):
            typeAhead(box, character)
        case .space:
            // A space belongs to names ("united kingdom"): it filters, it does not pick.
            typeAhead(box, " ")
        case .backspace:
            guard !(state.form.filters[box.id] ?? "").isEmpty else { return }
            state.form.filters[box.id]?.removeLast()
            state.form.selections[box.id] = 0
        case .enter:
            guard box.items.indices.contains(selected) else { return }
            activateItem(list: box.id, item: box.items[selected].id)
        default: handleNavigation(key)
        }
    }

    private mutating func typeAhead(_ box: ListBox, _ character: Character) {
        guard Sanitizer.isTypeable(character), !(character == " " && box.filter.isEmpty) else { return }
        state.form.filters[box.id, default: ""].append(character)
        state.form.selections[box.id] = 0
    }

    // MARK: dispatch to the flows

    /// Enter in a field: the page's primary action.
    mutating func submit(from field: String) {
        guard let id = Screens.primaryAction(state.page, field: field) else {
            moveFocus(by: 1)
            return
        }
        if case .button(let button)? = screen.elements.first(where: { $0.focusID == id }) {
            press(button)
        }
    }

    /// A button, link or banner was activated.
    mutating func activate(_ id: String) {
        if id == "help" {
            openHelp()
            return
        }
        switch state.page {
        case .login, .signup: activateEntry(id)
        case .mfaChoose, .enrollPushInstall, .enrollPushQR, .enrollTOTP, .enrollSMSNumber, .enrollSMSCode:
            activateEnrollment(id)
        case .recoveryShow: activateRecovery(id)
        case .home, .invite, .inviteSent: activateHome(id)
        case .profile, .profilePassword, .profileMFA, .profileDisable: activateProfile(id)
        case .profileVerify, .profileClock, .mailVerify: activateVerification(id)
        case .challengeTOTP, .challengeSMS, .challengePush, .challengePushCode, .challengeChoose,
            .challengeRecovery:
            activateChallenge(id)
        case .help: if id == "back" { back() }
        }
    }

    /// A list item was activated.
    mutating func activateItem(list: String, item: String) {
        switch state.page {
        case .mfaChoose: chooseMethod(item)
        case .enrollSMSNumber: chooseCountry(item)
        case .profileMFA: activateProfileItem(list: list, item: item)
        case .challengeChoose: chooseChallenge(item)
        default: break
        }
    }

    /// A disabled button was pressed: say why it does nothing.
    mutating func disabledPressed(_ id: String) {
        switch (state.page, id) {
        case (.recoveryShow, "continue"): say(.warning, "recovery.mustConfirm")
        case (.enrollSMSCode, "resend"), (.challengeSMS, "resend"): say(.info, "sms.resendWait")
        default: break
        }
    }

    /// Esc.
    mutating func back() {
        switch state.page {
        case .login, .home, .recoveryShow: break
        case .mailVerify: if state.signedIn { go(.profileMFA) }
        case .profileVerify, .profileClock:
            state.stepUpTarget = nil
            go(.profileMFA)
        case .signup: go(.login)
        case .help:
            let target = state.helpReturn ?? .login
            let saved = state.form
            go(target)
            state.form = saved
            state.helpReturn = nil
        case .mfaChoose:
            if state.enrollmentPurpose != .initial { go(.profileMFA) }
        case .enrollPushInstall, .enrollPushQR, .enrollTOTP, .enrollSMSNumber:
            backToChooser()
        case .enrollSMSCode: go(.enrollSMSNumber)
        case .invite, .inviteSent, .profile: go(.home)
        case .profilePassword, .profileMFA: go(.profile)
        case .profileDisable: go(.profileMFA)
        case .challengeChoose, .challengeRecovery, .challengePushCode: backToChallenge()
        case .challengeTOTP, .challengeSMS, .challengePush: logOut()
        }
    }

    mutating func openHelp() {
        guard state.page != .help else { return }
        let saved = state.form
        state.helpReturn = state.page
        go(.help)
        // Help keeps the page's form so Back returns to what was typed.
        state.form = FormState()
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

    mutating func tick() {
        switch state.page {
        case .enrollPushQR: pollPushEnrollment()
        case .challengePush: pollPushLogin()
        default: break
        }
    }

    mutating func apply(_ result: EffectResult) {
        switch result {
        case .failed(let text):
            sayText(.error, strings.format("error.store", ["reason": Sanitizer.clean(text)]))
        case .saved(let path):
            say(.success, "recovery.saved", ["path": Sanitizer.clean(path)])
        case .saveFailed(let reason):
            say(.error, "recovery.saveFailed", ["reason": Sanitizer.clean(reason)])
        case .loggedIn, .logInRefused, .invitationLookedUp, .signedUp, .signUpRefused:
            applyEntry(result)
        case .enrollmentStarted, .enrollmentCompleted:
            applyEnrollment(result)
        case .smsSent, .sendRefused:
            applySMS(result)
        case .codeRefused(let refusal):
            applyCodeRefusal(refusal)
        case .pushRequested, .pushWaiting, .pushDenied, .pushExpired, .challengePassed:
            applyChallenge(result)
        case .passwordConfirmed, .passwordRefused, .accountChanged, .recoveryCodeIssued, .mfaDisabled:
            applyProfile(result)
        case .stepUpPassed, .clockChecked, .mailboxCodeSent, .mailboxProved:
            applyVerification(result)
        case .inviteSent, .inviteRefused:
            applyHome(result)
        }
    }
}
