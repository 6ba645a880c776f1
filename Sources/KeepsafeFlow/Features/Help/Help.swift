/// The help page: questions and answers; Back returns to the page it was opened from,
/// with what was typed there.
struct HelpState: Sendable, Equatable {
    var returnTo: PortalState
    var savedForm: FormState
}

extension Page {
    static let help = Page("help")
}

extension HelpState: ScreenFeature {
    enum Control: String, ControlName {
        case back
    }

    static let topics = ["why", "methods", "push", "totp", "sms", "change", "lost", "disable", "expiry", "recovery"]

    var page: Page { .help }

    func activate(_ control: Control, _ flow: inout Transition) {
        if control == .back { back(&flow) }
    }

    func back(_ flow: inout Transition) {
        flow.go(returnTo)
        flow.state.form = savedForm
    }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        let brand = screen.context.brand
        for topic in Self.topics {
            screen.heading("help.\(topic).q")
            screen.paragraph("help.\(topic).a", ["portal": brand.portalName, "app": brand.pushAppName])
        }
        screen.button(Control.back, "button.back")
        return screen.build(titleKey: "help.title", defaultFocus: Control.back)
    }
}
