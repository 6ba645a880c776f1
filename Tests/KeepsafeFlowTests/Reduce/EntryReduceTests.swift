import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// `reduce` for log in, sign up and field editing: exact new states and effects.
@Suite struct EntryReduceTests {
    typealias F = ReduceFixture

    @Test func typingEditsTheFocusedFieldAtTheCursor() {
        let start = F.state(.entry(.logIn), focus: "email")
        let (typed, effects) = F.keys(
            start, F.type("alie") + [.left, .character("c"), .end, .character("@")])
        var expected = start
        expected.form.values["email"] = "alice@"
        expected.form.cursors["email"] = 6
        #expect(typed == expected)
        #expect(effects.isEmpty)

        let (edited, _) = F.keys(typed, [.home, .delete, .character("A"), .backspace, .backspace])
        expected.form.values["email"] = "lice@"
        expected.form.cursors["email"] = 0
        #expect(edited == expected)
    }

    @Test func controlCharactersAndBidiOverridesAreNotTyped() {
        let start = F.state(.entry(.logIn), focus: "email")
        let (after, _) = F.keys(start, [.character("\u{1B}"), .character("\u{202E}"), .character("\u{85}")])
        #expect(after == start)
    }

    @Test func tabAndShiftTabMoveFocusInScreenOrderAndWrap() {
        let start = F.state(.entry(.logIn))
        let order = ["password", "login", "signup", "forgotPassword", "help", "quit", "email"]
        var state = start
        for id in order {
            state = F.reduce(state, .key(.tab)).0
            #expect(state.form.focus == id)
        }
        state = F.reduce(state, .key(.backTab)).0
        #expect(state.form.focus == "quit")
    }

    @Test func enterInAFieldSubmitsTheLogIn() {
        let start = F.state(
            .entry(.logIn), focus: "password", values: ["email": "Alice@Example.COM ", "password": "pw"])
        let (after, effects) = F.reduce(start, .key(.enter))
        #expect(after == start)
        #expect(effects == [.logIn(email: "alice@example.com", password: "pw")])
    }

    @Test func emptyLogInAsksForBoth() {
        let start = F.state(.entry(.logIn), focus: "login", values: ["email": "a@b.c"])
        // The focus stays on the button.
        #expect(
            F.reduce(start, .key(.enter))
                == F.refused(start, focus: "login", message: F.strings["login.missing"]))
    }

    @Test func afterThePasswordWithoutMFAGoesToKeepYourAccountSafe() {
        let start = F.state(.entry(.logIn), values: ["email": "alice@example.com", "password": "pw"])
        var account = F.alice
        account.factors = []
        let (after, effects) = F.reduce(start, .result(.loggedIn(account, next: .enroll)))
        let expected = F.state(.enrollment(account, EnrollmentState(purpose: .initial)))
        #expect(after == expected)
        #expect(effects.isEmpty)
    }

    @Test func afterThePasswordTheSMSChallengeSendsACode() {
        let start = F.state(.entry(.logIn), values: ["email": "alice@example.com", "password": "pw"])
        let (after, effects) = F.reduce(
            start, .result(.loggedIn(F.alice, next: .challenge(factorID: "f-sms"))))
        let expected = F.state(
            .challenge(
                F.alice,
                ChallengeState(method: MethodScreen(SMSChallenge(factorID: "f-sms")), screen: .method)))
        #expect(after == expected)
        #expect(effects == [.startChallenge(factorID: "f-sms")])
    }

    @Test func aTrustedDeviceGoesHome() {
        let (after, effects) = F.reduce(F.state(.entry(.logIn)), .result(.loggedIn(F.alice, next: .home)))
        let expected = F.state(.home(F.alice, HomeState(notice: nil)))
        #expect(after == expected)
        #expect(effects.isEmpty)
    }

    static let valid = [
        "email": "Bob@Example.com", "name": "Bob", "company": "Acme", "password": "a long enough phrase",
        "confirm": "a long enough phrase",
    ]

    @Test func signUpSubmitsTheLowercasedEmail() {
        let start = F.state(.entry(.signUp(invitation: nil)), focus: "signup", values: Self.valid)
        let (after, effects) = F.reduce(start, .key(.enter))
        #expect(after == start)
        #expect(
            effects == [
                .signUp(
                    email: "bob@example.com", displayName: "Bob", company: "Acme",
                    password: "a long enough phrase")
            ])
    }

    @Test(arguments: [
        ("email", "bob@", "signup.invalidEmail", "email"),
        ("name", " ", "signup.missingName", "name"),
        ("company", "", "signup.missingCompany", "company"),
        ("password", "short", "password.tooShort", "password"),
        ("password", "Password1", "password.common", "password"),
        ("confirm", "a long enough phrasE", "password.mismatch", "confirm"),
    ])
    func signUpRefusesWithOneMessage(field: String, value: String, key: String, focus: String) {
        var values = Self.valid
        values[field] = value
        if field == "password" { values["confirm"] = value }
        let start = F.state(.entry(.signUp(invitation: nil)), focus: "signup", values: values)
        #expect(
            F.reduce(start, .key(.enter))
                == F.refused(start, focus: focus, message: F.strings.format(key, ["min": "8"])))
    }

    @Test(arguments: ["bob@example", "Bob@localhost", "bob@example-com"])
    func signUpRefusesADomainWithoutADot(_ email: String) {
        var values = Self.valid
        values["email"] = email
        let start = F.state(.entry(.signUp(invitation: nil)), focus: "signup", values: values)
        #expect(
            F.reduce(start, .key(.enter))
                == F.refused(start, focus: "email", message: F.strings["signup.emailNoDot"]))
    }

    @Test func leavingTheEmailFieldLooksForAnInvitationAndFixesTheCompany() {
        let start = F.state(
            .entry(.signUp(invitation: nil)), focus: "email", values: ["email": "Bob@Example.com"])
        let (moved, effects) = F.reduce(start, .key(.tab))
        var expected = start
        expected.form.focus = "name"
        #expect(moved == expected)
        #expect(effects == [.lookUpInvitation(email: "bob@example.com")])

        let (invited, _) = F.reduce(
            moved, .result(.invitationLookedUp(email: "bob@example.com", companyName: "Acme")))
        expected.portal = .entry(
            .signUp(invitation: InvitationNotice(email: "bob@example.com", companyName: "Acme")))
        #expect(invited == expected)
        let company = Screens.make(invited, F.context).elements.compactMap { element -> Field? in
            if case .field(let field) = element, field.id == "company" { return field }
            return nil
        }
        #expect(company.map(\.editable) == [false])
        #expect(company.map(\.value) == ["Acme"])

        var values = Self.valid
        values["company"] = "Typed Anyway"
        var submit = invited
        for (id, value) in values { submit.form.set(id, value) }
        submit.form.focus = "signup"
        #expect(
            F.reduce(submit, .key(.enter)).1 == [
                .signUp(
                    email: "bob@example.com", displayName: "Bob", company: "",
                    password: "a long enough phrase")
            ])
    }

    @Test func aDuplicateEmailSaysSoWithoutMore() {
        let start = F.state(.entry(.signUp(invitation: nil)), focus: "signup", values: Self.valid)
        let (after, _) = F.reduce(start, .result(.signUpRefused(.duplicate)))
        var expected = start
        expected.form.focus = "email"
        expected.messages = [Message(.error, F.strings["signup.duplicate"])]
        #expect(after == expected)
    }

    @Test func signedUpGoesToKeepYourAccountSafe() {
        let (after, effects) = F.reduce(
            F.state(.entry(.signUp(invitation: nil))), .result(.signedUp(F.alice)))
        var expected = F.state(.enrollment(F.alice, EnrollmentState(purpose: .initial)))
        expected.messages = [Message(.success, F.strings["signup.done"])]
        #expect(after == expected)
        #expect(effects.isEmpty)
    }
}
