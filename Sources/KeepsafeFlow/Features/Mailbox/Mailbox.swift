import KeepsafeBase

/// The code mailed to the account's address before enrolling again after a disable or
/// an admin reset: a password alone never reaches enrollment.
struct MailboxState: Sendable, Equatable {
    /// True when the account was already signed in (the profile's "Enroll"), false at
    /// log-in.
    var signedIn: Bool
}

extension Page {
    static let mailVerify = Page("verify.mail")
}

extension MailboxState: ScreenFeature {
    enum Control: String, ControlName {
        case code
        case continueOn = "continue"
        case resend, logout
    }

    var page: Page { .mailVerify }

    func activate(_ control: Control, _ flow: inout Transition) {
        switch control {
        case .continueOn:
            guard let code = flow.codeEntered(digits: flow.context.policy.sms.digits) else { return }
            flow.emit(.verifyMailboxCode(code))
        case .resend: flow.emit(.sendMailboxCode)
        case .logout: flow.logOut()
        case .code: break
        }
    }

    func primaryAction(from field: Control) -> Control? { .continueOn }

    func back(_ flow: inout Transition) {
        if signedIn, let account = flow.account { flow.go(.profile(account, .twoFactor)) }
    }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        screen.paragraph("mailbox.intro", ["email": Sanitizer.clean(screen.account?.email ?? "")])
        screen.messages()
        screen.field(Control.code, "field.code")
        screen.button(Control.continueOn, "button.continue")
        screen.button(Control.resend, "button.resend")
        screen.link(Control.logout, "link.logout")
        return screen.build(titleKey: "mailbox.title", defaultFocus: Control.code)
    }
}

enum Mailbox {
    static func apply(_ result: EffectResult, _ flow: inout Transition) {
        switch result {
        case .mailboxCodeSent(let email):
            flow.say(
                .info, "mailbox.sent",
                [
                    "email": Sanitizer.clean(email),
                    "minutes": String(flow.context.policy.sms.lifetimeMinutes),
                ])
        case .mailboxProved:
            guard let account = flow.account else { return }
            let purpose: EnrollmentPurpose = flow.state.signedIn ? .changeMethod : .initial
            flow.go(.enrollment(account, EnrollmentState(purpose: purpose)))
            flow.say(.success, "mailbox.proved")
        default: break
        }
    }
}
