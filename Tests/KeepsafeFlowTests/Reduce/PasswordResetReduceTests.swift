import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// `reduce` for "Forgot password?": exact states and effects, and the same answer
/// whatever the runtime knows of the address.
@Suite struct PasswordResetReduceTests {
    typealias F = ReduceFixture

    static let valid = [
        "code": "1234 5678", "newPassword": "a fresh long phrase", "confirmNewPassword": "a fresh long phrase",
    ]

    @Test func theLogInLinkOpensTheRequestWithTheAddressTyped() {
        let start = F.state(.entry(.logIn), focus: "forgotPassword", values: ["email": "Alice@Example.com"])
        let (after, effects) = F.reduce(start, .key(.enter))
        var expected = F.state(.passwordReset(.request))
        expected.form.set("email", "Alice@Example.com")
        #expect(after == expected)
        #expect(effects.isEmpty)
        #expect(Screens.make(after, F.context).id == "password.forgot")
        #expect(Screens.make(start, F.context).elements.contains(.link(Button(id: "forgotPassword", label: "Forgot password?"))))
    }

    @Test func sendCodeChecksOnlyTheFormOfTheAddress() {
        let empty = F.state(.passwordReset(.request), focus: "sendCode")
        var expected = empty
        expected.form.focus = "email"
        expected.messages = [Message(.error, F.strings["reset.missingEmail"])]
        #expect(F.reduce(empty, .key(.enter)) == (expected, []))

        let invalid = F.state(.passwordReset(.request), focus: "sendCode", values: ["email": "alice@@x.com"])
        expected = invalid
        expected.form.focus = "email"
        expected.messages = [Message(.error, F.strings["signup.invalidEmail"])]
        #expect(F.reduce(invalid, .key(.enter)) == (expected, []))

        let valid = F.state(.passwordReset(.request), focus: "email", values: ["email": " Alice@Example.COM "])
        #expect(F.reduce(valid, .key(.enter)) == (valid, [.requestPasswordReset(email: "alice@example.com")]))
    }

    @Test func theAnswerMovesToTheCodeInTheSameWordsForEveryAddress() {
        for email in ["alice@example.com", "nobody@example.com"] {
            let start = F.state(.passwordReset(.request), values: ["email": email])
            let (after, effects) = F.reduce(start, .result(.passwordResetRequested(email: email)))
            var expected = F.state(.passwordReset(.reset(email: email)))
            expected.messages = [Message(.info, F.strings.format("reset.sent", ["email": email]))]
            #expect(after == expected)
            #expect(effects.isEmpty)
            let screen = Screens.make(after, F.context)
            #expect(screen.id == "password.reset")
            let labels = screen.elements.compactMap { element -> String? in
                switch element {
                case .field(let field): return field.label
                case .button(let button), .link(let button): return button.label
                default: return nil
                }
            }
            #expect(
                labels == [
                    "Code", "New password", "Confirm new password", "Reset password", "Send a new code",
                    "Back to log in",
                ])
        }
    }

    @Test func resetPasswordSendsTheCodeAndTheNewPassword() {
        let start = F.state(.passwordReset(.reset(email: "alice@example.com")), focus: "resetPassword", values: Self.valid)
        #expect(
            F.reduce(start, .key(.enter))
                == (
                    start,
                    [.resetPassword(email: "alice@example.com", code: "12345678", newPassword: "a fresh long phrase")]
                ))
    }

    @Test(arguments: [
        ("code", "", "code.missing", "code"),
        ("code", "123456", "code.format", "code"),
        ("newPassword", "short", "password.tooShort", "newPassword"),
        ("newPassword", "Password1", "password.common", "newPassword"),
        ("confirmNewPassword", "a fresh long phrasE", "password.mismatch", "confirmNewPassword"),
    ])
    func resetPasswordRefusesWithOneMessage(field: String, value: String, key: String, focus: String) {
        var values = Self.valid
        values[field] = value
        if field == "newPassword" { values["confirmNewPassword"] = value }
        let start = F.state(.passwordReset(.reset(email: "alice@example.com")), focus: "resetPassword", values: values)
        #expect(
            F.reduce(start, .key(.enter))
                == F.refused(
                    start, focus: focus, message: F.strings.format(key, ["min": "8", "digits": "8"])))
    }

    @Test func aRefusedCodeIsClearedAndTheFormStays() {
        let start = F.state(.passwordReset(.reset(email: "alice@example.com")), focus: "resetPassword", values: Self.valid)
        let (after, _) = F.reduce(start, .result(.passwordResetRefused))
        var expected = start
        expected.form.set("code", "")
        expected.form.focus = "code"
        expected.messages = [Message(.error, F.strings["reset.refused"])]
        #expect(after == expected)
    }

    @Test func aDoneResetGoesToTheLogInNotHome() {
        let start = F.state(.passwordReset(.reset(email: "alice@example.com")), values: Self.valid)
        let (after, effects) = F.reduce(start, .result(.passwordResetDone))
        var expected = F.state(.entry(.logIn))
        expected.messages = [Message(.success, F.strings["reset.done"])]
        #expect(after == expected)
        #expect(effects.isEmpty)
        #expect(!after.signedIn)
    }

    @Test func sendANewCodeAsksAgainForTheSameAddress() {
        let start = F.state(.passwordReset(.reset(email: "alice@example.com")), focus: "sendAgain")
        #expect(F.reduce(start, .key(.enter)).1 == [.requestPasswordReset(email: "alice@example.com")])
    }

    @Test func escapeStepsBackToTheLogIn() {
        let reset = F.state(.passwordReset(.reset(email: "alice@example.com")))
        let (request, _) = F.reduce(reset, .key(.escape))
        #expect(request == F.state(.passwordReset(.request)))
        let (login, _) = F.reduce(request, .key(.escape))
        #expect(login == F.state(.entry(.logIn)))
    }
}
