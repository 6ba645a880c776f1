#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Log in and sign up screens.
extension ScreenBuilder {
    mutating func logIn() -> Screen {
        paragraph("login.intro", ["portal": context.brand.portalName])
        messages()
        field("email", "field.email")
        field("password", "field.password", masked: true)
        button("login", "button.login")
        link("signup", "link.signup")
        link("help", "link.help")
        link("quit", "link.quit")
        return build(titleKey: "login.title", defaultFocus: "email")
    }

    mutating func signUp() -> Screen {
        paragraph("signup.intro", ["portal": context.brand.portalName])
        messages()
        field("email", "field.email")
        field("name", "field.fullName")
        let email = EmailAddress(state.form.value("email"))?.value
        if let invitation = state.invitation, invitation.email == email {
            field(
                "company", "field.company", editable: false, value: Sanitizer.clean(invitation.companyName),
                hint: "signup.companyFromInvite")
        } else {
            field("company", "field.company")
        }
        field(
            "password", "field.password", masked: true, hint: nil)
        paragraph("password.rules", ["recommended": String(context.policy.password.recommendedLength)])
        field("confirm", "field.confirmPassword", masked: true)
        button("signup", "button.signup")
        link("login", "link.login")
        link("help", "link.help")
        return build(titleKey: "signup.title", defaultFocus: "email")
    }
}
