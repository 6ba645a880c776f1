import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// `reduce` for My Profile's "Change password": the form's checks, then the second factor
/// before the change.
@Suite struct PasswordChangeReduceTests {
    typealias F = ReduceFixture

    static let valid = [
        "currentPassword": "the old long phrase", "newPassword": "a fresh long phrase",
        "confirmNewPassword": "a fresh long phrase",
    ]

    @Test func theProfileLinksToTheForm() {
        let start = F.state(.profile(F.alice, .overview), focus: "changePassword")
        let (form, effects) = F.reduce(start, .key(.enter))
        #expect(form == F.state(.profile(F.alice, .changePassword)))
        #expect(effects.isEmpty)
        let screen = Screens.make(form, F.context)
        #expect(screen.id == "profile.changePassword")
        #expect(screen.title == "Change password")
        let fields = screen.elements.compactMap { element -> String? in
            if case .field(let field) = element, field.masked { return field.label }
            return nil
        }
        #expect(fields == ["Current password", "New password", "Confirm new password"])
        #expect(screen.elements.contains(.button(Button(id: "savePassword", label: "Change password"))))
        #expect(Screens.make(start, F.context).elements.contains(.link(Button(id: "changePassword", label: "Change password"))))
    }

    @Test func continueChecksTheCurrentPasswordInTheRuntime() {
        let start = F.state(.profile(F.alice, .changePassword), focus: "savePassword", values: Self.valid)
        #expect(
            F.reduce(start, .key(.enter))
                == (start, [.beginPasswordChange(current: "the old long phrase", new: "a fresh long phrase")]))
    }

    @Test(arguments: [
        ("currentPassword", "", "profile.currentPasswordMissing", "currentPassword"),
        ("newPassword", "short", "password.tooShort", "newPassword"),
        ("newPassword", "Password1", "password.common", "newPassword"),
        ("confirmNewPassword", "a fresh long phrasE", "password.mismatch", "confirmNewPassword"),
        ("newPassword", "the old long phrase", "profile.passwordUnchanged", "newPassword"),
    ])
    func theFormRefusesWithOneMessage(field: String, value: String, key: String, focus: String) {
        var values = Self.valid
        values[field] = value
        if field == "newPassword" { values["confirmNewPassword"] = value }
        let start = F.state(.profile(F.alice, .changePassword), focus: "savePassword", values: values)
        #expect(
            F.reduce(start, .key(.enter))
                == F.refused(start, focus: focus, message: F.strings.format(key, ["min": "8"])))
    }

    @Test func aWrongCurrentPasswordIsClearedAndSaid() {
        let start = F.state(.profile(F.alice, .changePassword), focus: "savePassword", values: Self.valid)
        let (after, _) = F.reduce(start, .result(.passwordRefused))
        var expected = start
        expected.form.set("currentPassword", "")
        expected.form.focus = "currentPassword"
        expected.messages = [Message(.error, F.strings["profile.passwordWrong"])]
        #expect(after == expected)
    }

    @Test func theSecondFactorComesBeforeTheChange() {
        let start = F.state(.profile(F.alice, .changePassword), values: Self.valid)
        let (asked, effects) = F.reduce(start, .result(.passwordChangeReady(F.alice)))
        #expect(asked.page == .profileVerify)
        #expect(asked.stepUpTarget == .changePassword)
        #expect(effects.isEmpty, "the preferred factor is the authenticator: nothing to send")
        #expect(!effects.contains(.changePassword), "the password alone never changes the password")
        #expect(Screens.make(asked, F.context).elements.contains(.paragraph(F.strings["stepup.introPassword"])))
        #expect(F.reduce(asked, .result(.stepUpPassed(F.alice))).1 == [.changePassword])
        // Abandoned, it returns to My Profile.
        #expect(F.reduce(asked, .key(.escape)).0.page == .profile)
        var cancel = asked
        cancel.form.focus = "cancel"
        #expect(F.reduce(cancel, .key(.enter)).0.page == .profile)
    }

    @Test func anSMSFactorIsSentACodeForTheCheck() {
        var account = F.alice
        account.preferredFactorID = "f-sms"
        let start = F.state(.profile(account, .changePassword), values: Self.valid)
        let (asked, effects) = F.reduce(start, .result(.passwordChangeReady(account)))
        #expect(asked.stepUpTarget == .changePassword)
        #expect(effects == [.startChallenge(factorID: "f-sms")])
    }

    @Test func withoutAnyFactorThePasswordIsAllThereIs() {
        var account = F.alice
        account.factors = []
        let start = F.state(.profile(account, .changePassword), values: Self.valid)
        #expect(F.reduce(start, .result(.passwordChangeReady(account))).1 == [.changePassword])
    }

    @Test func theChangeReturnsToMyProfileOrShowsTheNewRecoveryCode() {
        let asked = F.state(.profile(F.alice, .stepUp(.init(target: .changePassword))))
        let (done, _) = F.reduce(asked, .result(.passwordChanged(F.alice, recoveryCode: nil)))
        var expected = F.state(.profile(F.alice, .overview))
        expected.messages = [Message(.success, F.strings["profile.passwordChanged"])]
        #expect(done == expected)

        let (code, _) = F.reduce(asked, .result(.passwordChanged(F.alice, recoveryCode: "AAAA BBBB")))
        #expect(code.page == .recoveryShow)
        var recorded = code
        recorded.form.checks["recorded"] = true
        recorded.form.focus = "continue"
        let (after, _) = F.reduce(recorded, .key(.enter))
        #expect(after == expected)
    }
}
