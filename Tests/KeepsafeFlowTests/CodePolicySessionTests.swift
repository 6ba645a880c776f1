import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// Section 3 code policies with the manual clock: SMS lifetime, single use, wrong-code
/// limits and lockouts, resend limits.
@Suite struct CodePolicySessionTests {
    static let number = "+447700900123"

    /// Alice enrolled with SMS and logged out.
    static func enrolledWithSMS(_ portal: Harness) throws {
        try portal.signUp()
        try portal.press("SMS")
        portal.chooseCountry("united kingdom")
        try portal.fill("Mobile number", "7700900123")
        try portal.press("Continue")
        try portal.fill("Code", try #require(try portal.latestSMSCode(to: number)))
        try portal.press("Continue")
        try portal.acceptRecoveryCode()
        try portal.press("Log out")
        portal.clock.advance(by: 60)
    }

    @Test func anSMSCodeWorksAt14m59sAndNotAt15m01s() throws {
        let late = try Harness()
        try Self.enrolledWithSMS(late)
        try late.logIn()
        #expect(late.screen.id == "challenge.sms")
        let code = try #require(try late.latestSMSCode(to: Self.number))
        late.clock.advance(by: 15 * 60 + 1)
        try late.fill("Code", code)
        try late.press("Continue")
        #expect(late.screen.id == "challenge.sms")
        #expect(late.messages == ["That code has expired. Ask for a new one."])

        let inTime = try Harness()
        try Self.enrolledWithSMS(inTime)
        try inTime.logIn()
        let fresh = try #require(try inTime.latestSMSCode(to: Self.number))
        inTime.clock.advance(by: 14 * 60 + 59)
        try inTime.fill("Code", fresh)
        try inTime.press("Continue")
        #expect(inTime.screen.id == "home")
    }

    @Test func anSMSCodeWorksOnce() throws {
        let portal = try Harness()
        try Self.enrolledWithSMS(portal)
        try portal.logIn()
        let code = try #require(try portal.latestSMSCode(to: Self.number))
        try portal.fill("Code", code)
        try portal.press("Continue")
        #expect(portal.screen.id == "home")
        // A second session replays the same code against the same (spent) challenge.
        let account = try portal.account("alice@example.com")
        #expect(account.pendingChallenge == nil)
        let factorID = try #require(account.activeFactors.first?.id)
        try portal.press("Log out")
        portal.clock.advance(by: 30)
        try portal.logIn()
        // The new log-in sent a new code; the old one is refused.
        #expect(try portal.store.list(SMSMessage.self).count == 3)
        while try portal.latestSMSCode(to: Self.number) == code {
            // One in a million: the new code equals the old one; ask for another.
            portal.clock.advance(by: 30)
            try portal.press("Resend")
        }
        try portal.fill("Code", code)
        try portal.press("Continue")
        #expect(portal.screen.id == "challenge.sms")
        #expect(
            try portal.account("alice@example.com").factors.first { $0.id == factorID }?.consecutiveFailures
                == 1)
    }

    @Test func fiveWrongCodesVoidTheCodeAndTenLockTheFactor() throws {
        let portal = try Harness()
        try Self.enrolledWithSMS(portal)
        try portal.logIn()
        let code = try #require(try portal.latestSMSCode(to: Self.number))
        let wrong = code == "000000" ? "111111" : "000000"
        try portal.exhaustSentCode(with: wrong)
        #expect(portal.messages == ["Too many wrong tries: this code no longer works. Ask for a new one."])
        try portal.fill("Code", code)
        try portal.press("Continue")
        #expect(portal.screen.id == "challenge.sms", "the right code no longer works on a void challenge")
        #expect(portal.messages == ["Too many wrong tries: this code no longer works. Ask for a new one."])

        portal.clock.advance(by: 30)
        try portal.press("Resend")
        let resent = try #require(try portal.latestSMSCode(to: Self.number))
        let wrongAgain = resent == "000000" ? "111111" : "000000"
        for _ in 1...4 {
            try portal.fill("Code", wrongAgain)
            try portal.press("Continue")
        }
        try portal.fill("Code", wrongAgain)
        try portal.press("Continue")
        #expect(
            portal.messages == ["Too many wrong codes: this method is locked for 15 min. Try another method."]
        )
        let factor = try #require(try portal.account("alice@example.com").activeFactors.first)
        #expect(factor.lockedUntil == portal.clock.now().addingTimeInterval(900))
        #expect(
            try portal.store.list(MailMessage.self).contains { $0.subject == "A second factor was locked" })
        #expect(try portal.store.auditLog().contains { $0.event == "mfa.factorLocked" })

        // Locked even with the right code; after 15 minutes a fresh code works and resets the counter.
        portal.clock.advance(by: 30)
        try portal.press("Resend")
        let fresh = try #require(try portal.latestSMSCode(to: Self.number))
        try portal.fill("Code", fresh)
        try portal.press("Continue")
        #expect(portal.screen.id == "challenge.sms")
        portal.clock.advance(by: 900)
        try portal.press("Resend")
        try portal.fill("Code", try #require(try portal.latestSMSCode(to: Self.number)))
        try portal.press("Continue")
        #expect(portal.screen.id == "home")
        #expect(try portal.account("alice@example.com").activeFactors.first?.consecutiveFailures == 0)
    }

    @Test func atMostTenSMSPerHour() throws {
        var policy = Policy.testing()
        policy.sms.resendCooldownSeconds = 0
        let portal = try Harness(policy: policy)
        try portal.signUp()
        try portal.press("SMS")
        portal.chooseCountry("+44")
        try portal.fill("Mobile number", "7700900123")
        try portal.press("Continue")
        for _ in 2...10 {
            portal.clock.advance(by: 1)
            try portal.press("Resend")
        }
        #expect(try portal.store.list(SMSMessage.self).count == 10)
        portal.clock.advance(by: 1)
        try portal.press("Resend")
        #expect(try portal.store.list(SMSMessage.self).count == 10)
        #expect(portal.messages == ["Too many codes were sent. Try again in 60 min."])
        portal.clock.advance(by: 3600)
        try portal.press("Resend")
        #expect(try portal.store.auditLog().filter { $0.event == "sms.sent" }.count == 11)
        // The ten codes of an hour ago have expired: their SMS left the outbox.
        #expect(try portal.store.list(SMSMessage.self).count == 1)
    }

    @Test func logInLocksAfterTenFailuresWithDoublingBackOff() throws {
        let portal = try Harness()
        try ChallengeSessionTests.enrolledWithTOTPOnly(portal)
        let generic = [Strings.bundled["login.invalid"]]
        for _ in 1...9 {
            try portal.logIn(password: "not the password")
            #expect(portal.messages == generic)
        }
        /// The lock's end in minutes from now, read from the record (the page never says).
        func lockMinutes() throws -> Double? {
            try portal.account("alice@example.com").lockedUntil.map {
                $0.timeIntervalSince(portal.clock.now()) / 60
            }
        }
        #expect(try lockMinutes() == nil)
        try portal.logIn(password: "not the password")
        #expect(portal.messages == generic, "a lock is told in the words of a wrong password")
        #expect(try lockMinutes() == 1)
        try portal.logIn()
        #expect(portal.screen.id == "login", "locked even with the right password")
        #expect(portal.messages == generic)
        portal.clock.advance(by: 61)
        try portal.logIn(password: "not the password")
        #expect(portal.messages == generic)
        #expect(try lockMinutes() == 2)
        for expected in [4.0, 8, 15, 15] {
            portal.clock.advance(by: 16 * 60)
            try portal.logIn(password: "not the password")
            #expect(portal.messages == generic)
            #expect(try lockMinutes() == expected)
        }
        portal.clock.advance(by: 16 * 60)
        try portal.logIn()
        #expect(portal.screen.id == "challenge.totp")
        let account = try portal.account("alice@example.com")
        #expect(account.failedLogins == 0)
        #expect(account.lockedUntil == nil)
        #expect(try portal.store.list(MailMessage.self).contains { $0.subject == "Your account was locked" })
    }
}

extension CodePolicySessionTests {
    /// Issue 13: logging in right after enrolling SMS used to answer "Please wait 30 s"
    /// and send nothing; the enrollment's cooldown guards its own code, not the first
    /// code of a log-in.
    @Test func theFirstLogInCodeRightAfterEnrollingIsSent() throws {
        let portal = try Harness()
        try portal.signUp()
        try portal.press("SMS")
        portal.session.dispatch(.focus("country"))
        for character in "united kingdom" { portal.session.send(.character(character)) }
        portal.session.send(.enter)
        try portal.fill("Mobile number", "7700900123")
        try portal.press("Continue")
        try portal.fill("Code", try #require(try portal.latestSMSCode(to: Self.number)))
        try portal.press("Continue")
        try portal.acceptRecoveryCode()
        try portal.press("Log out")
        let sentBefore = Set(try portal.store.list(SMSMessage.self).map(\.id))
        try portal.logIn()
        #expect(portal.screen.id == "challenge.sms")
        let fresh = try portal.store.list(SMSMessage.self).filter { !sentBefore.contains($0.id) }
        #expect(fresh.count == 1)
        #expect(!portal.text.contains("Please wait"))
        let body = try #require(fresh.first?.body)
        let code = try #require(
            body.split(whereSeparator: { !$0.isNumber }).first { $0.count >= 6 }.map(String.init))
        // A resend while that code waits is still held by the cooldown.
        try portal.press("Resend")
        #expect(try portal.store.list(SMSMessage.self).count == sentBefore.count + 1)
        try portal.fill("Code", code)
        try portal.press("Continue")
        #expect(portal.screen.id == "home")
    }
}
