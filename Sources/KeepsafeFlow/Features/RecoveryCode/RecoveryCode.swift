import KeepsafeBase

/// The recovery code screen: shown once; "Continue" only after "I have safely recorded
/// this code". The code is never stored in plain text.
struct RecoveryCodeState: Sendable, Equatable {
    /// The code in groups of four.
    var code: String
    /// Where "Continue" goes once the code is recorded.
    var next: Next
    /// A notice for that page.
    var notice: String?
    /// The path typed when "Save to file" found a file there: saving to it again replaces it.
    var replacing: String?

    enum Next: Sendable, Equatable {
        case home
        /// My Profile's two-factor page.
        case twoFactor
        /// My Profile (after a password change confirmed with the recovery code).
        case profile
    }

    init(code: String, next: Next, notice: String? = nil) {
        self.code = code
        self.next = next
        self.notice = notice
    }
}

extension Page {
    static let recoveryShow = Page("recovery.show")
}

extension RecoveryCodeState: ScreenFeature {
    enum Control: String, ControlName {
        case copy, path, save, recorded
        case continueOn = "continue"
    }

    var page: Page { .recoveryShow }

    func activate(_ control: Control, _ flow: inout Transition) {
        switch control {
        case .copy:
            flow.emit(.copyToClipboard(code))
            flow.say(.success, "recovery.copied")
        case .save:
            let path = Self.typedPath(flow.form)
            guard !path.isEmpty else {
                flow.say(.error, "recovery.missingPath")
                flow.focus(Control.path)
                return
            }
            // The second press on the same path is the confirmation the warning asked for.
            flow.emit(.saveToFile(path: path, text: code + "\n", replacing: replacing == path))
        case .continueOn:
            guard flow.form.isChecked(Control.recorded) else {
                flow.say(.warning, "recovery.mustConfirm")
                return
            }
            guard let account = flow.account else { return }
            switch next {
            case .home: flow.enterHome(account, notice: notice)
            case .twoFactor:
                flow.go(.profile(account, .twoFactor))
                if let notice { flow.state.messages = [Message(.info, notice)] }
            case .profile:
                flow.go(.profile(account, .overview))
                if let notice { flow.state.messages = [Message(.success, notice)] }
            }
        case .path, .recorded: break
        }
    }

    func primaryAction(from field: Control) -> Control? { field == .path ? .save : nil }

    /// The file name in the field (the default until one is typed), trimmed.
    static func typedPath(_ form: FormState) -> String {
        (form.values[Control.path.rawValue] ?? Screens.defaultRecoveryFile).trimmingWhitespace
    }

    func receive(_ result: EffectResult, _ flow: inout Transition) -> Bool {
        guard let account = flow.account else { return false }
        var next = self
        switch result {
        case .saveWouldReplace(let path):
            next.replacing = Self.typedPath(flow.form)
            flow.update(.recoveryCode(account, next))
            flow.say(.warning, "recovery.exists", ["path": Sanitizer.clean(path)])
        case .saved(let path):
            next.replacing = nil
            flow.update(.recoveryCode(account, next))
            flow.say(.success, "recovery.saved", ["path": Sanitizer.clean(path)])
        case .saveFailed(let reason):
            flow.say(.error, "recovery.saveFailed", ["reason": Sanitizer.clean(reason)])
        default: return false
        }
        return true
    }

    func disabledPressed(_ control: Control, _ flow: inout Transition) {
        if control == .continueOn { flow.say(.warning, "recovery.mustConfirm") }
    }

    func back(_ flow: inout Transition) {}

    func build(_ screen: inout ScreenBuilder) -> Screen {
        screen.paragraph("recovery.intro")
        screen.code(code)
        screen.paragraph("recovery.warning")
        screen.messages()
        screen.button(Control.copy, "button.copy")
        screen.field(
            Control.path, "field.file", value: screen.form.values[Control.path.rawValue] ?? Screens.defaultRecoveryFile,
            hint: "recovery.fileHint")
        let path = Self.typedPath(screen.form)
        screen.button(Control.save, replacing == path ? "button.replaceFile" : "button.save")
        screen.checkbox(Control.recorded, "recovery.recorded")
        screen.button(Control.continueOn, "button.continue", enabled: screen.form.isChecked(Control.recorded))
        return screen.build(titleKey: "recovery.title", defaultFocus: Control.recorded)
    }
}
