import KeepsafeBase
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension EntryState {
    func activate(_ control: Control, _ flow: inout Transition) {
        switch (self, control) {
        case (.logIn, .logIn): submitLogIn(&flow)
        case (.logIn, .signUp): flow.go(.entry(.signUp(invitation: nil)))
        case (.logIn, .forgotPassword):
            // The address typed so far comes along.
            let email = flow.form.value(Control.email)
            flow.go(.passwordReset(.request))
            if !email.isEmpty { flow.state.form.set(PasswordResetState.Control.email, email) }
        case (.logIn, .quit):
            flow.state.finished = true
            flow.emit(.quit)
        case (.signUp(let invitation), .signUp): submitSignUp(invitation, &flow)
        case (.signUp, .logIn): flow.go(.entry(.logIn))
        default: break
        }
    }

    func primaryAction(from field: Control) -> Control? {
        switch self {
        case .logIn: return .logIn
        case .signUp: return .signUp
        }
    }

    /// Leaving the sign-up email field looks for an invitation (the company is then fixed).
    func focusLeft(_ control: Control, _ flow: inout Transition) {
        guard case .signUp(let invitation) = self, control == .email,
            let email = EmailAddress(flow.form.value(Control.email))
        else { return }
        if invitation?.email == email.value { return }
        flow.emit(.lookUpInvitation(email: email.value))
    }

    func back(_ flow: inout Transition) {
        if case .signUp = self { flow.go(.entry(.logIn)) }
    }

    private func submitLogIn(_ flow: inout Transition) {
        let email = flow.form.value(Control.email).trimmingWhitespace
        let password = flow.form.value(Control.password)
        guard !email.isEmpty, !password.isEmpty else {
            flow.say(.error, "login.missing")
            return
        }
        flow.state.messages = []
        flow.emit(.logIn(email: email.lowercased(), password: password))
    }

    private func submitSignUp(_ invitation: InvitationNotice?, _ flow: inout Transition) {
        let form = flow.form
        guard let email = EmailAddress(form.value(Control.email)) else {
            flow.say(.error, "signup.invalidEmail")
            flow.focus(Control.email)
            return
        }
        guard email.hasDottedDomain else {
            flow.say(.error, "signup.emailNoDot")
            flow.focus(Control.email)
            return
        }
        let name = form.value(Control.name).trimmingWhitespace
        guard !name.isEmpty else {
            flow.say(.error, "signup.missingName")
            flow.focus(Control.name)
            return
        }
        let invited = invitation?.email == email.value
        let company = form.value(Control.company).trimmingWhitespace
        guard invited || !company.isEmpty else {
            flow.say(.error, "signup.missingCompany")
            flow.focus(Control.company)
            return
        }
        let password = form.value(Control.password)
        let context = flow.context
        if let problem = PasswordPolicy.check(
            password, confirmation: form.value(Control.confirm), policy: context.policy.password,
            common: context.commonPasswords)
        {
            flow.state.messages = [Message(.error, Format.describe(problem, flow.strings))]
            flow.focus(problem == .mismatch ? Control.confirm : Control.password)
            return
        }
        flow.state.messages = []
        flow.emit(
            .signUp(email: email.value, displayName: name, company: invited ? "" : company, password: password))
    }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        let portal = screen.context.brand.portalName
        switch self {
        case .logIn:
            screen.paragraph("login.intro", ["portal": portal])
            screen.messages()
            screen.field(Control.email, "field.email")
            screen.field(Control.password, "field.password", masked: true)
            screen.button(Control.logIn, "button.login")
            // After "Sign up": the README's demo reaches it with three Tabs.
            screen.link(Control.signUp, "link.signup")
            screen.link(Control.forgotPassword, "link.forgotPassword")
            screen.helpLink()
            screen.link(Control.quit, "link.quit")
            return screen.build(titleKey: "login.title", defaultFocus: Control.email)
        case .signUp(let invitation):
            screen.paragraph("signup.intro", ["portal": portal])
            screen.messages()
            screen.field(Control.email, "field.email")
            screen.field(Control.name, "field.fullName")
            // The invitation's company is fixed only while its address is the one typed
            // (parsed only when there is an invitation: this screen is built at every key).
            if let invitation, invitation.email == EmailAddress(screen.form.value(Control.email))?.value {
                screen.field(
                    Control.company, "field.company", editable: false,
                    value: Sanitizer.clean(invitation.companyName), hint: "signup.companyFromInvite")
            } else {
                screen.field(Control.company, "field.company")
            }
            screen.field(Control.password, "field.password", masked: true)
            screen.passwordRules()
            screen.field(Control.confirm, "field.confirmPassword", masked: true)
            screen.button(Control.signUp, "button.signup")
            screen.link(Control.logIn, "link.login")
            screen.helpLink()
            return screen.build(titleKey: "signup.title", defaultFocus: Control.email)
        }
    }
}

/// What the entry feature does with the runtime's answers, and where an accepted
/// password leads.
enum Entry {
    static func apply(_ result: EffectResult, _ flow: inout Transition) {
        switch result {
        case .loggedIn(let account, let next):
            proceed(account, after: next, &flow)
        case .logInRefused(.invalid):
            flow.say(.error, "login.invalid")
            flow.state.form.set(EntryState.Control.password, "")
            flow.focus(EntryState.Control.password)
        case .invitationLookedUp(let email, let company):
            guard case .entry(.signUp) = flow.state.portal,
                EmailAddress(flow.form.value(EntryState.Control.email))?.value == email
            else { return }
            flow.update(.entry(.signUp(invitation: company.map { InvitationNotice(email: email, companyName: $0) })))
        case .signedUp(let account):
            flow.go(.enrollment(account, EnrollmentState(purpose: .initial)))
            flow.say(.success, "signup.done")
        case .signUpRefused(.duplicate):
            flow.say(.error, "signup.duplicate")
            flow.focus(EntryState.Control.email)
        default: break
        }
    }

    /// After the password: enroll, prove the mailbox, challenge or home.
    static func proceed(_ account: AccountSummary, after next: AfterPassword, _ flow: inout Transition) {
        switch next {
        case .enroll:
            flow.go(.enrollment(account, EnrollmentState(purpose: .initial)))
        case .proveMailbox:
            flow.go(.mailbox(account, MailboxState(signedIn: false)))
            flow.emit(.sendMailboxCode)
        case .home:
            flow.enterHome(account, notice: nil)
        case .challenge(let factorID):
            Challenge.start(factorID, account, &flow)
        }
    }

    /// `keepsafe enroll`: no password (the system authenticated the user), straight to
    /// "Keep Your Account Safe", or to a recovery code that fell due.
    static func beginSystemEnrollment(_ account: AccountSummary, _ recoveryCode: String?, _ flow: inout Transition) {
        flow.state = FlowState()
        flow.state.systemEnrollment = true
        if let recoveryCode {
            flow.go(.recoveryCode(account, RecoveryCodeState(code: recoveryCode, next: .home)))
        } else {
            flow.go(.enrollment(account, EnrollmentState(purpose: .initial)))
        }
    }
}
