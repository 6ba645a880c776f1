import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// Issue 14, "Change password" in My Profile, through the real runtime: the current
/// password, then the second factor; the other remembered devices are forgotten and the
/// owner is mailed.
@Suite struct PasswordChangeSessionTests {
    static let newPassword = "violet harbour lantern"

    static func fillChange(_ portal: Harness, current: String = "correct horse battery") throws {
        try portal.press("My Profile")
        try portal.press("Change password")
        try portal.fill("Current password", current)
        try portal.fill("New password", newPassword)
        try portal.fill("Confirm new password", newPassword)
        try portal.press("Change password")
    }

    @Test func theChangeAsksTheSecondFactorForgetsOtherDevicesAndMails() throws {
        let (portal, tablet) = try Harness.rememberedOnTwoDevices(device: "desk")
        #expect(try portal.account("alice@example.com").trustedDevices.map(\.name) == ["tablet", "desk"])

        try Self.fillChange(portal)
        #expect(portal.screen.id == "profile.verify")
        #expect(
            try PasswordHasher.verify("correct horse battery", against: portal.account("alice@example.com").passwordHash),
            "nothing changes before the second factor")
        try portal.confirmItsYou()
        #expect(portal.screen.id == "profile")
        #expect(portal.messages == [Strings.bundled["profile.passwordChanged"]])
        let account = try portal.account("alice@example.com")
        #expect(try PasswordHasher.verify(Self.newPassword, against: account.passwordHash))
        #expect(account.trustedDevices.map(\.name) == ["desk"], "only this device stays remembered")
        let mail = try #require(
            try portal.store.list(MailMessage.self).first { $0.subject == "Your password was changed" })
        #expect(mail.to == "alice@example.com" && mail.body.contains("from desk"))
        #expect(try portal.store.auditLog().contains { $0.event == "password.changed" })

        try portal.press("Back to home")
        try portal.press("Log out")
        try portal.logIn()
        #expect(portal.messages == [Strings.bundled["login.invalid"]], "the old password is gone")
        try portal.logIn(password: Self.newPassword)
        #expect(portal.screen.id == "home", "this device is still remembered")
        try tablet.logIn(password: Self.newPassword)
        #expect(tablet.screen.id == "challenge.totp", "the other device was forgotten")
    }

    @Test func aWrongCurrentPasswordChangesNothingAndCounts() throws {
        let portal = try Harness()
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        try portal.logIn()
        try portal.fill("Code", try portal.totpCode(uri))
        try portal.press("Continue")
        try Self.fillChange(portal, current: "not my password")
        #expect(portal.screen.id == "profile.changePassword")
        #expect(portal.messages == [Strings.bundled["profile.passwordWrong"]])
        let account = try portal.account("alice@example.com")
        #expect(account.failedLogins == 1)
        #expect(try PasswordHasher.verify("correct horse battery", against: account.passwordHash))
    }

    @Test func theRecoveryCodeConfirmsTheChangeAndIsReplaced() throws {
        let portal = try Harness()
        let (uri, recovery) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        try portal.logIn()
        try portal.fill("Code", try portal.totpCode(uri))
        try portal.press("Continue")
        let before = try #require(try portal.account("alice@example.com").recoveryCodeHash)
        try Self.fillChange(portal)
        try portal.fill("Code", recovery)
        try portal.press("Continue")
        #expect(portal.screen.id == "recovery.show")
        try portal.acceptRecoveryCode()
        #expect(portal.screen.id == "profile")
        #expect(portal.messages == [Strings.bundled["profile.passwordChanged"]])
        let after = try #require(try portal.account("alice@example.com").recoveryCodeHash)
        #expect(after != before)
        #expect(!SecretHash.verify(try RecoveryCode(parsing: recovery).normalized, against: after))
    }

    @Test func withMFAOffThePasswordAloneChangesIt() throws {
        let portal = try Harness()
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        try portal.logIn()
        try portal.fill("Code", try portal.totpCode(uri))
        try portal.press("Continue")
        try portal.openTwoFactorPage()
        try portal.press("Disable MFA")
        try portal.press("Disable MFA")
        try portal.confirmItsYou()
        #expect(portal.screen.id == "home")
        try Self.fillChange(portal)
        #expect(portal.screen.id == "profile", "no factor to confirm with")
        #expect(portal.messages == [Strings.bundled["profile.passwordChanged"]])
        #expect(try PasswordHasher.verify(Self.newPassword, against: portal.account("alice@example.com").passwordHash))
    }

    /// The runtime alone, as a caller who skips the screens: the current password does not
    /// change the password without the second factor.
    @Test func thePasswordAloneNeverChangesThePassword() throws {
        let portal = try Harness()
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        let runner = try portal.runtimeAfterPassword(device: "attacker")
        guard case .failed? = runner.perform(.beginPasswordChange(current: "correct horse battery", new: "x y z w v u"))
        else {
            Issue.record("a password alone began a change")
            return
        }
        try portal.passTOTPChallenge(runner, uri: uri)
        guard case .passwordChangeReady? = runner.perform(.beginPasswordChange(current: "correct horse battery", new: Self.newPassword))
        else {
            Issue.record("the current password was not taken")
            return
        }
        guard case .failed? = runner.perform(.changePassword) else {
            Issue.record("the password changed without the second factor")
            return
        }
        #expect(try PasswordHasher.verify("correct horse battery", against: portal.account("alice@example.com").passwordHash))
    }
}
