import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// F6 My Profile → "Two-Factor Authentication".
@Suite struct ProfileSessionTests {
    func openTwoFactor(_ portal: Harness) throws {
        try portal.press("My Profile")
        #expect(portal.screen.id == "profile")
        try portal.press("Two-Factor Authentication")
        #expect(portal.screen.id == "profile.password")
        try portal.fill("Password", "wrong password!")
        try portal.press("Confirm")
        #expect(portal.messages == ["That password is not right."])
        try portal.fill("Password", "correct horse battery")
        try portal.press("Confirm")
        #expect(portal.screen.id == "profile.mfa")
        #expect(portal.screen.title == "Two-Factor Authentication")
    }

    @Test func addingSMSKeepsTheAuthenticatorUntilVerifiedThenMakesSMSPreferred() throws {
        let portal = try Harness()
        try HomeSessionTests.atHome(portal)
        let recoveryHash = try portal.account("alice@example.com").recoveryCodeHash
        try openTwoFactor(portal)
        #expect(portal.text.contains("Preferred method: Authenticator app"))
        try portal.press("Change method")
        try portal.confirmItsYou()
        #expect(portal.screen.id == "mfa.choose")
        try portal.press("SMS")
        portal.chooseCountry("GB")
        try portal.fill("Mobile number", "7700900123")
        try portal.press("Continue")
        var account = try portal.account("alice@example.com")
        #expect(
            account.activeFactors.map(\.kind) == [.totp], "the old method works until the new one is verified"
        )
        try portal.fill("Code", try #require(try portal.latestSMSCode(to: "+447700900123")))
        try portal.press("Continue")
        #expect(portal.screen.id == "profile.mfa")
        #expect(portal.messages == ["Your new method is set up and is now your preferred method."])
        account = try portal.account("alice@example.com")
        #expect(Set(account.activeFactors.map(\.kind)) == [.totp, .sms])
        #expect(account.factors.first { $0.id == account.preferredFactorID }?.kind == .sms)
        #expect(account.recoveryCodeHash == recoveryHash, "a change keeps the recovery code")

        // Make the authenticator preferred again from the list.
        try portal.press("Authenticator app")
        account = try portal.account("alice@example.com")
        #expect(account.factors.first { $0.id == account.preferredFactorID }?.kind == .totp)
        #expect(portal.messages == ["Preferred method changed."])
    }

    @Test func changeTheMobileNumberVerifiedOnTheNewNumber() throws {
        let portal = try Harness()
        try CodePolicySessionTests.enrolledWithSMS(portal)
        try portal.logIn()
        try portal.fill("Code", try #require(try portal.latestSMSCode(to: CodePolicySessionTests.number)))
        try portal.press("Continue")
        try openTwoFactor(portal)
        portal.clock.advance(by: 30)
        try portal.press("Change mobile number")
        try portal.confirmItsYou()
        #expect(portal.screen.id == "enroll.sms.number")
        portal.chooseCountry("France")
        try portal.fill("Mobile number", "06 12 34 56 78")
        portal.clock.advance(by: 30)
        try portal.press("Continue")
        #expect(try portal.account("alice@example.com").activeFactors.map(\.phoneNumber) == ["+447700900123"])
        try portal.fill("Code", try #require(try portal.latestSMSCode(to: "+33612345678")))
        try portal.press("Continue")
        #expect(portal.screen.id == "profile.mfa")
        #expect(portal.messages == ["Your mobile number has been changed."])
        let account = try portal.account("alice@example.com")
        #expect(account.activeFactors.map(\.phoneNumber) == ["+33612345678"])
        #expect(account.preferredFactorID == account.activeFactors.first?.id)
        #expect(
            try portal.store.list(MailMessage.self).contains { $0.subject == "Your mobile number changed" })
    }

    @Test func regenerateTheRecoveryCodeKillsTheOldOneAtOnce() throws {
        let portal = try Harness()
        try portal.signUp()
        try portal.enrollTOTP()
        let old = try portal.acceptRecoveryCode()
        try openTwoFactor(portal)
        try portal.press("Regenerate recovery code")
        // Asked first: the old code stops working, and Cancel keeps it.
        #expect(portal.screen.id == "profile.regenerate")
        try portal.press("Cancel")
        #expect(portal.screen.id == "profile.mfa")
        let kept = try #require(try portal.account("alice@example.com").recoveryCodeHash)
        #expect(SecretHash.verify(try RecoveryCode(parsing: old).normalized, against: kept))
        try portal.press("Regenerate recovery code")
        try portal.press("Make a new recovery code")
        #expect(portal.screen.id == "recovery.show")
        let new = try #require(portal.codeBlock)
        let hash = try #require(try portal.account("alice@example.com").recoveryCodeHash)
        #expect(!SecretHash.verify(try RecoveryCode(parsing: old).normalized, against: hash))
        #expect(SecretHash.verify(try RecoveryCode(parsing: new).normalized, against: hash))
        try portal.acceptRecoveryCode()
        #expect(portal.screen.id == "profile.mfa")
        #expect(try portal.store.auditLog().contains { $0.event == "recovery.regenerated" })
    }

    @Test func trustedDevicesAreListedAndRevocable() throws {
        let portal = try Harness()
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        try portal.logIn()
        try portal.fill("Code", try portal.totpCode(uri))
        try portal.toggle("Remember this device for 30 days")
        try portal.press("Continue")
        try openTwoFactor(portal)
        #expect(portal.text.contains("test-laptop"))
        try portal.press("test-laptop")
        #expect(portal.messages == ["The device will be asked for a second factor again."])
        #expect(try portal.account("alice@example.com").trustedDevices.isEmpty)
        #expect(portal.keyring.trustToken(store: "default", account: "alice@example.com") == nil)
        try portal.press("Back")
        try portal.press("Back to home")
        try portal.press("Log out")
        try portal.logIn()
        #expect(portal.screen.id == "challenge.totp")
    }

    @Test func disableMFAThenTheNextLogInDemandsEnrollment() throws {
        let portal = try Harness()
        try HomeSessionTests.atHome(portal)
        try openTwoFactor(portal)
        try portal.press("Disable MFA")
        #expect(portal.screen.id == "profile.disable")
        try portal.press("Cancel")
        #expect(portal.screen.id == "profile.mfa")
        try portal.press("Disable MFA")
        try portal.press("Disable MFA")
        #expect(portal.screen.id == "profile.verify", "the password alone does not disable MFA")
        #expect(!(try portal.account("alice@example.com").factors.isEmpty))
        try portal.confirmItsYou()
        #expect(portal.screen.id == "home")
        let account = try portal.account("alice@example.com")
        #expect(account.factors.isEmpty && account.recoveryCodeHash == nil && account.mfaRequiredAtNextLogin)
        #expect(
            try portal.store.list(MailMessage.self).contains {
                $0.subject == "Two-factor authentication was turned off"
            })
        try portal.press("Log out")
        try portal.logIn()
        #expect(portal.screen.id == "verify.mail", "the mailbox is proved before enrolling again")
        try portal.proveMailbox()
        #expect(portal.screen.id == "mfa.choose")
        try portal.enrollTOTP()
        #expect(portal.screen.id == "recovery.show", "a new enrollment issues a new recovery code")
    }
}
