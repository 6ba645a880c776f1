/// The help page: questions and answers; Back returns to the page it was opened from,
/// with what was typed there. A second part, "Passwords, sign-ins and devices", answers
/// the account questions; its Back returns to the first part.
struct HelpState: Sendable, Equatable {
    var returnTo: PortalState
    var savedForm: FormState
    /// True on the second part (the account topics).
    var accountTopics = false
}

extension Page {
    static let help = Page("help")
    static let helpAccount = Page("help.account")
}

extension HelpState: ScreenFeature {
    enum Control: String, ControlName {
        case back
        case accountTopics
    }

    static let topics = ["why", "methods", "push", "totp", "sms", "change", "lost", "disable", "expiry", "recovery"]
    /// The second part's topics.
    static let accountTopicKeys = ["forgot", "password", "alerts", "readiness", "backup"]

    var page: Page { accountTopics ? .helpAccount : .help }

    func activate(_ control: Control, _ flow: inout Transition) {
        switch control {
        case .back: back(&flow)
        case .accountTopics:
            var next = self
            next.accountTopics = true
            flow.update(.help(next))
            flow.state.form.focus = nil
        }
    }

    func back(_ flow: inout Transition) {
        if accountTopics {
            var first = self
            first.accountTopics = false
            flow.update(.help(first))
            flow.state.form.focus = nil
            return
        }
        flow.go(returnTo)
        flow.state.form = savedForm
    }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        let brand = screen.context.brand
        for topic in accountTopics ? Self.accountTopicKeys : Self.topics {
            screen.heading("help.\(topic).q")
            screen.paragraph("help.\(topic).a", ["portal": brand.portalName, "app": brand.pushAppName])
        }
        if !accountTopics { screen.link(Control.accountTopics, "help.accountTopics") }
        screen.button(Control.back, "button.back")
        return screen.build(
            titleKey: accountTopics ? "help.accountTitle" : "help.title", defaultFocus: Control.back)
    }
}
