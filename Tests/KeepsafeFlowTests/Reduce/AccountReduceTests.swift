import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// `reduce` for home, invite and the profile's two-factor settings.
@Suite struct AccountReduceTests {
    typealias F = ReduceFixture

    static func home(focus: String? = nil) -> FlowState {
        F.state(.home(F.alice, HomeState(notice: nil)), focus: focus)
    }

    @Test func dismissingTheAnnouncement() {
        let start = Self.home()
        #expect(Screens.make(start, F.context).focus == "profile")
        var focused = start
        focused.form.focus = "announcement"
        let (after, effects) = F.reduce(focused, .key(.enter))
        var dismissed = F.alice
        dismissed.announcementDismissed = true
        var expected = focused
        expected.portal = .home(dismissed, HomeState(notice: nil))
        #expect(after == expected)
        #expect(effects == [.dismissAnnouncement])
        #expect(!Screens.make(after, F.context).elements.contains { $0.focusID == "announcement" })
    }

    @Test func inviteMessages() {
        let start = F.state(.invite(F.alice, .form), focus: "email")
        var expected = start
        expected.messages = [Message(.error, F.strings["invite.empty"])]
        #expect(F.reduce(start, .key(.enter)) == (expected, []))

        var invalid = start
        invalid.form.set("email", "bob@")
        expected = invalid
        expected.messages = [Message(.error, F.strings["invite.invalid"])]
        #expect(F.reduce(invalid, .key(.enter)) == (expected, []))

        // An address no one could sign up with is not invited either.
        var dotless = start
        dotless.form.set("email", "bob@example")
        expected = dotless
        expected.messages = [Message(.error, F.strings["invite.invalid"])]
        #expect(F.reduce(dotless, .key(.enter)) == (expected, []))

        var valid = start
        valid.form.set("email", "Bob@Example.com")
        #expect(F.reduce(valid, .key(.enter)) == (valid, [.sendInvite(email: "bob@example.com")]))

        let (sent, _) = F.reduce(valid, .result(.inviteSent(email: "bob@example.com")))
        let sentState = F.moved(valid, to: .invite(F.alice, .sent(email: "bob@example.com")))
        #expect(sent == sentState)
        #expect(Screens.make(sent, F.context).title == "Invitation Sent")

        let (already, _) = F.reduce(valid, .result(.inviteRefused(.alreadyInvited)))
        #expect(already.messages == [Message(.error, F.strings["invite.alreadyInvited"])])
        #expect(F.reduce(start, .key(.escape)).0.page == .home)
    }

    @Test func theTwoFactorSettingsNeedThePasswordAgain() {
        let start = F.state(.profile(F.alice, .overview))
        let (password, _) = F.reduce(start, .key(.enter))
        #expect(password.page == .profilePassword)
        var typed = password
        typed.form.set("password", "secret")
        typed.form.focus = "password"
        #expect(F.reduce(typed, .key(.enter)).1 == [.confirmPassword("secret")])
        let (settings, _) = F.reduce(typed, .result(.passwordConfirmed(F.alice)))
        let expected = F.moved(typed, to: .profile(F.alice, .twoFactor))
        #expect(settings == expected)
        let screen = Screens.make(settings, F.context)
        #expect(screen.title == "Two-Factor Authentication")
        for id in ["methods", "change", "number", "regenerate", "disable", "back"] {
            #expect(screen.elements.contains { $0.focusID == id }, "\(id)")
        }
    }

    @Test func profileActionsAreEffects() {
        let start = F.state(.profile(F.alice, .twoFactor))
        var focused = start
        focused.form.focus = "methods"
        #expect(F.keys(focused, [.down, .enter]).1 == [.setPreferredFactor(id: "f-sms")])
        #expect(F.keys(focused, [.enter]).1.isEmpty, "already preferred")
        focused.form.focus = "regenerate"
        let (confirming, nothing) = F.reduce(focused, .key(.enter))
        #expect(confirming.page == .profileRegenerate && nothing.isEmpty, "asked before the old code dies")
        #expect(F.reduce(confirming, .key(.enter)).0.page == .profileMFA, "Cancel has the focus")
        var confirmed = confirming
        confirmed.form.focus = "regenerate"
        #expect(F.reduce(confirmed, .key(.enter)).1 == [.regenerateRecoveryCode])
        focused.form.focus = "change"
        // Replacing a method, changing the number and disabling MFA each ask for the
        // second factor first ("Confirm it's you"); only its success goes on.
        let (asked, _) = F.reduce(focused, .key(.enter))
        #expect(asked.page == .profileVerify)
        #expect(asked.stepUpTarget == .changeMethod)
        #expect(F.reduce(asked, .key(.escape)).0.page == .profileMFA, "the check can be abandoned")
        var typed = asked
        typed.form.set("code", "123456")
        typed.form.focus = "code"
        #expect(F.reduce(typed, .key(.enter)).1 == [.verifyStepUp(code: "123456")])
        let (change, _) = F.reduce(asked, .result(.stepUpPassed(F.alice)))
        #expect(change.page == .mfaChoose)
        #expect(change.enrollmentPurpose == .changeMethod)
        #expect(F.reduce(change, .key(.escape)).0.page == .profileMFA, "a change can be abandoned")
        focused.form.focus = "number"
        let (numberAsked, _) = F.reduce(focused, .key(.enter))
        #expect(numberAsked.page == .profileVerify)
        let (number, _) = F.reduce(numberAsked, .result(.stepUpPassed(F.alice)))
        #expect(number.page == .enrollSMSNumber)
        #expect(number.enrollmentPurpose == .changeNumber)
        focused.form.focus = "disable"
        let (warn, none) = F.reduce(focused, .key(.enter))
        #expect(warn.page == .profileDisable)
        #expect(none.isEmpty)
        #expect(Screens.make(warn, F.context).focus == "cancel", "the safe choice has the focus")
        var confirm = warn
        confirm.form.focus = "disable"
        let (disableAsked, effects) = F.reduce(confirm, .key(.enter))
        #expect(disableAsked.page == .profileVerify)
        #expect(!effects.contains(.disableMFA), "the password alone never disables MFA")
        #expect(F.reduce(disableAsked, .result(.stepUpPassed(F.alice))).1 == [.disableMFA])
    }

    @Test func disabledMFAGoesHomeWithANotice() {
        var account = F.alice
        account.factors = []
        let (after, _) = F.reduce(F.state(.profile(F.alice, .disable)), .result(.mfaDisabled(account)))
        let expected = F.state(.home(account, HomeState(notice: F.strings["profile.mfaDisabled"])))
        #expect(after == expected)
    }

    @Test func logOutForgetsEverything() {
        let start = F.state(.home(F.alice, HomeState(notice: "x")), focus: "logout")
        #expect(F.reduce(start, .key(.enter)) == (FlowState(), [.logOut]))
    }
}

extension AccountReduceTests {
    @Test func profileResultsUpdateTheAccountAndSaySo() {
        let start = F.state(.profile(F.alice, .twoFactor))
        var changed = F.alice
        changed.preferredFactorID = "f-sms"
        let (after, effects) = F.reduce(
            start, .result(.accountChanged(changed, notice: "profile.preferredSet")))
        var expected = start
        expected.portal = .profile(changed, .twoFactor)
        expected.messages = [Message(.success, F.strings["profile.preferredSet"])]
        #expect(after == expected)
        #expect(effects.isEmpty)

        let (code, _) = F.reduce(start, .result(.recoveryCodeIssued(F.alice, code: "NEW2-CODE")))
        let shown = F.moved(
            start,
            to: .recoveryCode(
                F.alice,
                RecoveryCodeState(
                    code: "NEW2-CODE", next: .twoFactor, notice: F.strings["profile.recoveryRegenerated"])))
        #expect(code == shown)

        let (refused, _) = F.reduce(
            F.state(.profile(F.alice, .password), focus: "confirm", values: ["password": "x"]),
            .result(.passwordRefused))
        var wrong = F.state(.profile(F.alice, .password), focus: "confirm", values: ["password": ""])
        wrong.messages = [Message(.error, F.strings["profile.passwordWrong"])]
        #expect(refused == wrong)
    }

    @Test func aChangedMethodWithoutANewRecoveryCodeReturnsToTheSettings() {
        let start = F.state(
            .enrollment(
                F.alice,
                EnrollmentState(
                    purpose: .changeMethod,
                    method: AuthenticatorEnrollment(ticket: EnrollmentReduceTests.ticket))))
        let (after, _) = F.reduce(
            start, .result(.enrollmentCompleted(F.alice, recoveryCode: nil, skewSeconds: 30)))
        var expected = F.state(.profile(F.alice, .twoFactor))
        expected.messages = [
            Message(.success, F.strings["profile.methodChanged"]),
            Message(.info, F.strings.format("code.skewFast", ["seconds": "30"])),
        ]
        #expect(after == expected)
    }

    @Test func storeFailuresAreShownSanitised() {
        let start = Self.home()
        let (after, effects) = F.reduce(start, .result(.failed("accounts/x.json: corrupt\u{1B}[2J")))
        var expected = start
        expected.messages = [
            Message(
                .error, F.strings.format("error.store", ["reason": "accounts/x.json: corrupt\u{FFFD}[2J"]))
        ]
        #expect(after == expected)
        #expect(effects.isEmpty)
    }
}
