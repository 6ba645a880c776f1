import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// F2 challenge, F7 lost device and F8 trusted devices through the real runtime.
@Suite struct ChallengeSessionTests {
    /// Alice signed up and enrolled TOTP, then logged out; returns the otpauth URI.
    static func enrolledWithTOTP(_ portal: Harness) throws -> (uri: String, recovery: String) {
        try portal.signUp()
        let uri = try portal.enrollTOTP()
        let recovery = try portal.acceptRecoveryCode()
        try portal.press("Log out")
        portal.clock.advance(by: 30)
        return (uri, recovery)
    }

    /// Alice enrolled with TOTP and logged out.
    static func enrolledWithTOTPOnly(_ portal: Harness) throws {
        _ = try enrolledWithTOTP(portal)
    }

    @Test func totpChallengeAtLogIn() throws {
        let portal = try Harness()
        let (uri, _) = try Self.enrolledWithTOTP(portal)
        try portal.logIn()
        #expect(portal.screen.id == "challenge.totp")
        #expect(portal.text.contains("<Try another method>"))
        #expect(portal.text.contains("[ ] Remember this device for 30 days"))
        try portal.fill("Code", try portal.wrongTOTPCode(uri))
        try portal.press("Continue")
        #expect(portal.screen.id == "challenge.totp")
        #expect(portal.messages.first?.hasPrefix("That code is not right.") == true)
        try portal.fill("Code", try portal.totpCode(uri))
        try portal.press("Continue")
        #expect(portal.screen.id == "home")
    }

    @Test func aTOTPCodeIsRefusedTheSecondTime() throws {
        let portal = try Harness()
        let (uri, _) = try Self.enrolledWithTOTP(portal)
        try portal.logIn()
        let code = try portal.totpCode(uri)
        try portal.fill("Code", code)
        try portal.press("Continue")
        #expect(portal.screen.id == "home")
        try portal.press("Log out")
        try portal.logIn()
        try portal.fill("Code", code)
        try portal.press("Continue")
        #expect(portal.screen.id == "challenge.totp")
        #expect(portal.messages == ["That code was already used. Wait for the next one."])
    }

    /// RFC 6238 §6: a refused code says nothing a random wrong code would not, even when
    /// it is the code of a step minutes ahead (that would tell a guesser it works later).
    @Test func aCodeFromAFastDeviceIsRefusedLikeAnyWrongCode() throws {
        let portal = try Harness()
        let (uri, _) = try Self.enrolledWithTOTP(portal)
        try portal.logIn()
        try portal.fill("Code", try portal.wrongTOTPCode(uri))
        try portal.press("Continue")
        let randomWrong = portal.messages
        try portal.fill("Code", try portal.totpCode(uri, offset: 180))
        try portal.press("Continue")
        #expect(portal.screen.id == "challenge.totp")
        #expect(portal.messages == randomWrong)
        #expect(portal.messages == ["That code is not right."])
    }

    /// A correct code typed a few seconds after its step rolled over is accepted without
    /// any hint: one code a step off is normal.
    @Test func aCodeTypedJustAfterTheRolloverGivesNoHint() throws {
        let portal = try Harness()
        let (uri, _) = try Self.enrolledWithTOTP(portal)
        try portal.logIn()
        portal.clock.advance(by: 56)  // 09:00:56: the code read at :59 is typed at 09:01:03
        let read = try portal.totpCode(uri, offset: 3)
        portal.clock.advance(by: 7)
        try portal.fill("Code", read)
        try portal.press("Continue")
        #expect(portal.screen.id == "home")
        #expect(!portal.text.contains("clock looks"), "\(portal.text)")
    }

    /// Drift is learnt from accepted codes only, and told once three in a row agree.
    @Test func aConsistentDriftOverAcceptedCodesGivesTheHint() throws {
        let portal = try Harness()
        let (uri, _) = try Self.enrolledWithTOTP(portal)
        for round in 1...3 {
            portal.clock.advance(by: 120)
            try portal.logIn()
            try portal.fill("Code", try portal.totpCode(uri, offset: 30))
            try portal.press("Continue")
            #expect(portal.screen.id == "home")
            #expect(
                portal.text.contains("Your device's clock looks about 30 s fast") == (round == 3),
                "round \(round)")
            try portal.press("Log out")
        }
        #expect(try portal.account("alice@example.com").activeFactors.first?.recentOffsets == [1, 1, 1])
    }

    @Test func rememberThisDeviceSkipsTheChallengeFor30Days() throws {
        let portal = try Harness()
        let (uri, _) = try Self.enrolledWithTOTP(portal)
        try portal.logIn()
        try portal.fill("Code", try portal.totpCode(uri))
        try portal.toggle("Remember this device for 30 days")
        try portal.press("Continue")
        #expect(portal.screen.id == "home")
        let token = try #require(portal.keyring.trustToken(store: "default", account: "alice@example.com"))
        let account = try portal.account("alice@example.com")
        #expect(account.trustedDevices.count == 1)
        #expect(account.trustedDevices[0].name == "test-laptop")
        #expect(!account.trustedDevices[0].tokenHash.contains(token))

        try portal.press("Log out")
        try portal.logIn()
        #expect(portal.screen.id == "home", "trusted device: no challenge")

        // Another device (its own keyring) is challenged.
        let other = try Harness(
            keyring: InMemoryKeyring(), store: portal.store, clock: portal.clock, device: "kiosk")
        try other.logIn()
        #expect(other.screen.id == "challenge.totp")

        // After 30 days the trust has expired.
        try portal.press("Log out")
        portal.clock.advance(by: 30 * 86_400 + 1)
        try portal.logIn()
        #expect(portal.screen.id == "challenge.totp")
    }

    @Test func recoveryCodeLogInIssuesANewCodeAndTheOldOneNeverWorksAgain() throws {
        let portal = try Harness()
        let (_, recovery) = try Self.enrolledWithTOTP(portal)
        try portal.logIn()
        try portal.press("Try another method")
        #expect(portal.screen.id == "challenge.choose")
        #expect(portal.text.contains("Recovery code"))
        try portal.press("Recovery code")
        #expect(portal.screen.id == "challenge.recovery")
        try portal.fill("Recovery code", recovery.lowercased().replacingOccurrences(of: "-", with: " "))
        try portal.press("Continue")
        #expect(portal.screen.id == "recovery.show")
        let fresh = try #require(portal.codeBlock)
        #expect(fresh != recovery)
        try portal.acceptRecoveryCode()
        #expect(portal.screen.id == "home")
        #expect(portal.text.contains("change your method in My Profile"))
        let mails = try portal.store.list(MailMessage.self).map(\.subject)
        #expect(mails.contains("Your recovery code was used"))
        #expect(try portal.store.auditLog().map(\.event).contains("recovery.used"))

        try portal.press("Log out")
        try portal.logIn()
        try portal.press("Try another method")
        try portal.press("Recovery code")
        try portal.fill("Recovery code", recovery)
        try portal.press("Continue")
        #expect(portal.screen.id == "challenge.recovery")
        #expect(portal.messages == ["That code is not right."])
        try portal.fill("Recovery code", "not a code")
        try portal.press("Continue")
        #expect(portal.messages.first?.hasPrefix("That is not a recovery code") == true)
        try portal.fill("Recovery code", fresh)
        try portal.press("Continue")
        #expect(portal.screen.id == "recovery.show")
    }

    @Test func wrongPasswordIsOneGenericMessage() throws {
        let portal = try Harness()
        _ = try Self.enrolledWithTOTP(portal)
        try portal.logIn(password: "wrong password here")
        let wrongPassword = portal.messages
        try portal.logIn("nobody@example.com")
        #expect(portal.messages == wrongPassword)
        #expect(wrongPassword == [Strings.bundled["login.invalid"]])
    }
}

extension ChallengeSessionTests {
    @Test func wrongCodeCountersSurviveARestart() throws {
        let portal = try Harness()
        let (uri, _) = try Self.enrolledWithTOTP(portal)
        try portal.logIn()
        let wrong = try portal.wrongTOTPCode(uri)
        for _ in 1...9 {
            try portal.fill("Code", wrong)
            try portal.press("Continue")
        }
        // The portal is closed and opened again: the count goes on from 9.
        let again = try Harness(keyring: portal.keyring, store: portal.store, clock: portal.clock)
        try again.logIn()
        try again.fill("Code", wrong)
        try again.press("Continue")
        #expect(
            again.messages == ["Too many wrong codes: this method is locked for 15 min. Try another method."])
        try again.fill("Code", try again.totpCode(uri))
        try again.press("Continue")
        #expect(again.screen.id == "challenge.totp", "locked even for the right code")
        again.clock.advance(by: 900)
        try again.fill("Code", try again.totpCode(uri))
        try again.press("Continue")
        #expect(again.screen.id == "home")
    }
}
