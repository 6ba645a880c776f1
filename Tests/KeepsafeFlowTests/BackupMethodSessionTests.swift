import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// Issue 14, a backup method, through the real runtime: added behind the password and the
/// current factor, it leaves the preferred method; "Try another method" offers it; it is
/// removed only with the second factor, and the last method never is.
@Suite struct BackupMethodSessionTests {
    static let number = "+447700900123"

    /// Alice with the authenticator app, signed in, on the Two-Factor page.
    static func onTwoFactorPage(_ portal: Harness) throws -> String {
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        try portal.logIn()
        try portal.fill("Code", try portal.totpCode(uri))
        try portal.press("Continue")
        try portal.openTwoFactorPage()
        return uri
    }

    static func addSMSBackup(_ portal: Harness) throws {
        try portal.press("Add a backup method")
        #expect(portal.screen.id == "profile.verify")
        try portal.confirmItsYou()
        #expect(portal.screen.id == "mfa.choose")
        try portal.press("SMS")
        portal.chooseCountry("+44")
        try portal.fill("Mobile number", "7700900123")
        try portal.press("Continue")
        try portal.fill("Code", try #require(try portal.latestSMSCode(to: number)))
        try portal.press("Continue")
    }

    @Test func aBackupLeavesThePreferredMethodAndIsOfferedAtLogIn() throws {
        let portal = try Harness()
        let uri = try Self.onTwoFactorPage(portal)
        let preferred = try portal.account("alice@example.com").preferredFactorID
        try Self.addSMSBackup(portal)
        #expect(portal.screen.id == "profile.mfa")
        #expect(portal.messages == [Strings.bundled["profile.backupAdded"]])
        let account = try portal.account("alice@example.com")
        #expect(account.activeFactors.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.sms, .totp])
        #expect(account.preferredFactorID == preferred, "the preferred method stays")
        #expect(account.recoveryCodeHash != nil)
        let mails = try portal.store.list(MailMessage.self).map(\.subject)
        #expect(mails.contains("A backup method was added"))
        #expect(!mails.contains("Your preferred second factor changed"))

        try portal.press("Back")
        try portal.press("Back to home")
        try portal.press("Log out")
        portal.clock.advance(by: 60)
        try portal.logIn()
        #expect(portal.screen.id == "challenge.totp")
        try portal.press("Try another method")
        #expect(portal.text.contains("Authenticator app") && portal.text.contains("SMS"))
        #expect(portal.text.contains("Recovery code"))
        try portal.press("SMS")
        #expect(portal.screen.id == "challenge.sms")
        try portal.fill("Code", try #require(try portal.latestSMSCode(to: Self.number)))
        try portal.press("Continue")
        #expect(portal.screen.id == "home")
        _ = uri
    }

    @Test func removingNeedsTheSecondFactorAndNeverTakesTheLast() throws {
        let portal = try Harness()
        _ = try Self.onTwoFactorPage(portal)
        try Self.addSMSBackup(portal)
        try portal.press("Remove a method")
        #expect(portal.screen.id == "profile.removeMethod")
        try portal.press("SMS")
        #expect(portal.screen.id == "profile.verify")
        #expect(try portal.account("alice@example.com").activeFactors.count == 2, "nothing before the factor")
        try portal.confirmItsYou()
        #expect(portal.screen.id == "profile.mfa")
        #expect(portal.messages == [Strings.bundled["profile.methodRemoved"]])
        #expect(try portal.account("alice@example.com").activeFactors.map(\.kind) == [.totp])
        #expect(try portal.store.list(MailMessage.self).contains { $0.subject == "A second factor was removed" })
        #expect(!portal.text.contains("<Remove a method>"), "the last method is not offered for removal")
    }

    /// The runtime alone, as a caller who skips the screens.
    @Test func theRuntimeKeepsTheLastMethodAndWantsTheSecondFactor() throws {
        let portal = try Harness()
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        let runner = try portal.runtimeAfterPassword(device: "script")
        let factor = try portal.passTOTPChallenge(runner, uri: uri)
        _ = runner.perform(.confirmPassword("correct horse battery"))
        for effect: Effect in [.removeFactor(id: factor), .beginBackupEnrollment] {
            guard case .failed? = runner.perform(effect) else {
                Issue.record("\(effect) ran without the second factor")
                continue
            }
        }
        portal.clock.advance(by: 30)
        guard case .stepUpPassed? = runner.perform(.verifyStepUp(code: try portal.totpCode(uri))) else {
            Issue.record("the step-up did not pass")
            return
        }
        #expect(runner.perform(.removeFactor(id: factor)) == .factorRemovalRefused)
        #expect(try portal.account("alice@example.com").activeFactors.map(\.id) == [factor])
    }
}
