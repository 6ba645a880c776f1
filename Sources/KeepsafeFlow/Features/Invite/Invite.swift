import KeepsafeBase

/// F5 invite a co-worker.
enum InviteState: Sendable, Equatable {
    case form
    /// The invitation went to `email`.
    case sent(email: String)
}

extension Page {
    static let invite = Page("invite")
    static let inviteSent = Page("invite.sent")
}

extension InviteState: ScreenFeature {
    enum Control: String, ControlName {
        case email, send, cancel, another, home
    }

    var page: Page {
        switch self {
        case .form: return .invite
        case .sent: return .inviteSent
        }
    }

    func activate(_ control: Control, _ flow: inout Transition) {
        guard let account = flow.account else { return }
        switch (self, control) {
        case (.form, .cancel), (.sent, .home): flow.go(.home(account, HomeState()))
        case (.sent, .another): flow.go(.invite(account, .form))
        case (.form, .send):
            let text = flow.form.value(Control.email).trimmingWhitespace
            guard !text.isEmpty else {
                flow.say(.error, "invite.empty")
                flow.focus(Control.email)
                return
            }
            guard let email = EmailAddress(text), email.hasDottedDomain else {
                flow.say(.error, "invite.invalid")
                flow.focus(Control.email)
                return
            }
            flow.state.messages = []
            flow.emit(.sendInvite(email: email.value))
        default: break
        }
    }

    func primaryAction(from field: Control) -> Control? { .send }

    func back(_ flow: inout Transition) {
        if let account = flow.account { flow.go(.home(account, HomeState())) }
    }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        let portal = screen.context.brand.portalName
        switch self {
        case .form:
            screen.paragraph("invite.intro", ["portal": portal])
            screen.messages()
            screen.field(Control.email, "field.email")
            screen.button(Control.send, "button.sendInvite")
            screen.button(Control.cancel, "button.cancel")
            return screen.build(titleKey: "invite.title", defaultFocus: Control.email)
        case .sent(let email):
            screen.paragraph("invite.sentBody", ["email": Sanitizer.clean(email), "portal": portal])
            screen.messages()
            screen.button(Control.another, "button.inviteAnother")
            screen.button(Control.home, "button.home")
            return screen.build(titleKey: "invite.sentTitle", defaultFocus: Control.home)
        }
    }
}

enum Invite {
    static func apply(_ result: EffectResult, _ flow: inout Transition) {
        switch result {
        case .inviteSent(let email):
            guard let account = flow.account else { return }
            flow.go(.invite(account, .sent(email: email)))
        case .inviteRefused(let refusal):
            flow.say(.error, refusal == .alreadyInvited ? "invite.alreadyInvited" : "invite.alreadyMember")
            flow.focus(InviteState.Control.email)
        default: break
        }
    }
}
