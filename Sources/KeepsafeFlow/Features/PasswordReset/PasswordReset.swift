import KeepsafeBase

/// "Forgot password?" on the log-in page: the address first ("Send code"), then the
/// mailed code with the new password twice ("Reset password"). Nothing here signs in:
/// after a reset the log-in asks for the password and the second factor as always.
enum PasswordResetState: Sendable, Equatable {
    /// "Email" and "Send code".
    case request
    /// The code mailed to `email` (if an account uses it) and the new password.
    case reset(email: String)
}

extension Page {
    static let passwordForgot = Page("password.forgot")
    static let passwordReset = Page("password.reset")
}

extension PasswordResetState: ScreenFeature {
    enum Control: String, ControlName {
        case email
        case sendCode
        case code
        case newPassword
        case confirmNewPassword
        case resetPassword
        case sendAgain
        case logIn = "login"
    }

    var page: Page {
        switch self {
        case .request: return .passwordForgot
        case .reset: return .passwordReset
        }
    }

    func activate(_ control: Control, _ flow: inout Transition) {
        switch (self, control) {
        case (.request, .sendCode): PasswordReset.submitEmail(&flow)
        case (.reset(let email), .sendAgain):
            flow.state.messages = []
            flow.emit(.requestPasswordReset(email: email))
        case (.reset(let email), .resetPassword): PasswordReset.submitReset(email, &flow)
        case (_, .logIn): flow.go(.entry(.logIn))
        default: break
        }
    }

    func primaryAction(from field: Control) -> Control? {
        switch (self, field) {
        case (.request, _): return .sendCode
        case (.reset, .confirmNewPassword): return .resetPassword
        default: return nil
        }
    }

    func back(_ flow: inout Transition) {
        switch self {
        case .request: flow.go(.entry(.logIn))
        case .reset: flow.go(.passwordReset(.request))
        }
    }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        switch self {
        case .request:
            screen.paragraph("reset.requestIntro")
            screen.messages()
            screen.field(Control.email, "field.email")
            screen.button(Control.sendCode, "reset.sendCode")
            screen.link(Control.logIn, "link.backToLogin")
            screen.helpLink()
            return screen.build(titleKey: "reset.requestTitle", defaultFocus: Control.email)
        case .reset:
            screen.messages()
            // The address is in the message above ("If an account uses ..."), sanitised.
            screen.paragraph(
                "reset.intro", ["minutes": String(screen.context.policy.sms.lifetimeMinutes)])
            screen.field(Control.code, "field.code")
            screen.field(Control.newPassword, "field.newPassword", masked: true)
            screen.passwordRules()
            screen.field(Control.confirmNewPassword, "field.confirmNewPassword", masked: true)
            screen.button(Control.resetPassword, "reset.button")
            screen.button(Control.sendAgain, "reset.sendAgain")
            screen.link(Control.logIn, "link.backToLogin")
            return screen.build(titleKey: "reset.title", defaultFocus: Control.code)
        }
    }
}

/// The reset's checks before the runtime, and what its answers do.
enum PasswordReset {
    /// Digits of a mailed reset code: more than an SMS code's, as the code alone (with the
    /// mailbox) replaces the password.
    static let codeDigits = 8

    static func submitEmail(_ flow: inout Transition) {
        typealias Control = PasswordResetState.Control
        let text = flow.form.value(Control.email).trimmingWhitespace
        guard !text.isEmpty else {
            flow.say(.error, "reset.missingEmail")
            flow.focus(Control.email)
            return
        }
        // Only the form is checked here: whether an account uses the address is never said.
        guard let email = EmailAddress(text) else {
            flow.say(.error, "signup.invalidEmail")
            flow.focus(Control.email)
            return
        }
        flow.state.messages = []
        flow.emit(.requestPasswordReset(email: email.value))
    }

    static func submitReset(_ email: String, _ flow: inout Transition) {
        typealias Control = PasswordResetState.Control
        let code = flow.form.value(Control.code).filter { $0 != " " && $0 != "-" }
        guard !code.isEmpty else {
            flow.say(.error, "code.missing")
            flow.focus(Control.code)
            return
        }
        guard code.count == codeDigits, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            flow.say(.error, "code.format", ["digits": String(codeDigits)])
            flow.focus(Control.code)
            return
        }
        guard let password = flow.newPassword(Control.newPassword, confirmedBy: Control.confirmNewPassword)
        else { return }
        flow.state.messages = []
        flow.emit(.resetPassword(email: email, code: code, newPassword: password))
    }

    static func apply(_ result: EffectResult, _ flow: inout Transition) {
        typealias Control = PasswordResetState.Control
        switch result {
        case .passwordResetRequested(let email):
            // The same words whether or not an account uses the address.
            if case .passwordReset(.request) = flow.state.portal {
                flow.go(.passwordReset(.reset(email: email)))
            }
            flow.say(
                .info, "reset.sent",
                [
                    "email": Sanitizer.clean(email),
                    "minutes": String(flow.context.policy.sms.lifetimeMinutes),
                ])
        case .passwordResetRefused:
            flow.state.form.set(Control.code, "")
            flow.focus(Control.code)
            flow.say(.error, "reset.refused")
        case .passwordResetDone:
            flow.go(.entry(.logIn))
            flow.say(.success, "reset.done")
        default: break
        }
    }
}
