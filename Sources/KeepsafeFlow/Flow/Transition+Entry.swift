import KeepsafeBase
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// F1 sign up and F2 log in.
extension Transition {
    mutating func activateEntry(_ id: String) {
        switch (state.page, id) {
        case (.login, "login"): submitLogIn()
        case (.login, "signup"): go(.signup)
        case (.login, "quit"):
            state.finished = true
            emit(.quit)
        case (.signup, "signup"): submitSignUp()
        case (.signup, "login"): go(.login)
        default: break
        }
    }

    private mutating func submitLogIn() {
        let email = form.value("email").trimmingWhitespace
        let password = form.value("password")
        guard !email.isEmpty, !password.isEmpty else {
            say(.error, "login.missing")
            return
        }
        state.messages = []
        emit(.logIn(email: email.lowercased(), password: password))
    }

    private mutating func submitSignUp() {
        guard let email = EmailAddress(form.value("email")) else {
            say(.error, "signup.invalidEmail")
            state.form.focus = "email"
            return
        }
        let name = form.value("name").trimmingWhitespace
        guard !name.isEmpty else {
            say(.error, "signup.missingName")
            state.form.focus = "name"
            return
        }
        let invited = state.invitation?.email == email.value
        let company = form.value("company").trimmingWhitespace
        guard invited || !company.isEmpty else {
            say(.error, "signup.missingCompany")
            state.form.focus = "company"
            return
        }
        let password = form.value("password")
        if let problem = PasswordPolicy.check(
            password, confirmation: form.value("confirm"), policy: context.policy.password,
            common: context.commonPasswords)
        {
            state.messages = [Message(.error, Screens.describe(problem, strings))]
            state.form.focus = problem == .mismatch ? "confirm" : "password"
            return
        }
        state.messages = []
        emit(
            .signUp(
                email: email.value, displayName: name, company: invited ? "" : company, password: password))
    }

    /// Leaving the sign-up email field looks for an invitation (the company is then fixed).
    mutating func emailFieldLeft() {
        guard state.page == .signup, let email = EmailAddress(form.value("email")) else { return }
        if state.invitation?.email == email.value { return }
        emit(.lookUpInvitation(email: email.value))
    }

    mutating func applyEntry(_ result: EffectResult) {
        switch result {
        case .loggedIn(let account, let next):
            state.account = account
            proceed(after: next)
        case .logInRefused(.invalid):
            say(.error, "login.invalid")
            state.form.set("password", "")
            state.form.focus = "password"
        case .invitationLookedUp(let email, let company):
            guard state.page == .signup, EmailAddress(form.value("email"))?.value == email else { return }
            state.invitation = company.map { InvitationNotice(email: email, companyName: $0) }
        case .signedUp(let account):
            state.account = account
            state.invitation = nil
            state.enrollmentPurpose = .initial
            go(.mfaChoose)
            say(.success, "signup.done")
        case .signUpRefused(.duplicate):
            say(.error, "signup.duplicate")
            state.form.focus = "email"
        default: break
        }
    }

    /// `keepsafe enroll`: no password (the system authenticated the user), straight to
    /// "Keep Your Account Safe", or to a recovery code that fell due.
    mutating func beginSystemEnrollment(_ account: AccountSummary, recoveryCode: String?) {
        state = FlowState()
        state.systemEnrollment = true
        state.account = account
        if let recoveryCode {
            state.signedIn = true
            state.recovery = RecoveryDisplay(code: recoveryCode, next: .home)
            go(.recoveryShow)
        } else {
            state.enrollmentPurpose = .initial
            go(.mfaChoose)
        }
    }

    /// After the password (log-in or sign-up): enroll, challenge or home.
    mutating func proceed(after next: AfterPassword) {
        switch next {
        case .enroll:
            state.enrollmentPurpose = .initial
            go(.mfaChoose)
        case .proveMailbox:
            state.enrollmentPurpose = .initial
            go(.mailVerify)
            emit(.sendMailboxCode)
        case .home:
            enterHome(notice: nil)
        case .challenge(let factorID):
            startChallenge(factorID)
        }
    }
}
