import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// Issue 14, "Forgot password?", through the real runtime by label: the mailed code is a
/// hashed, single-use, expiring, rate-limited one-time code; a reset forgets every
/// remembered device and never skips the second factor; an address without an account
/// gets the same answer in the same time.
@Suite struct PasswordResetSessionTests {
    static let newPassword = "violet harbour lantern"

    /// From the log-in page: "Forgot password?", the address, "Send code".
    static func requestCode(_ portal: Harness, _ email: String = "alice@example.com") throws {
        try portal.press("Forgot password?")
        #expect(portal.screen.id == "password.forgot")
        try portal.fill("Email", email)
        try portal.press("Send code")
    }

    static func fillReset(_ portal: Harness, code: String, password: String = newPassword) throws {
        try portal.fill("Code", code)
        try portal.fill("New password", password)
        try portal.fill("Confirm new password", password)
        try portal.press("Reset password")
    }

    func mails(_ portal: Harness, to email: String) throws -> [MailMessage] {
        try portal.store.list(MailMessage.self).filter { $0.to == email }.sorted { $0.id < $1.id }
    }

    @Test func aResetSetsThePasswordForgetsDevicesAndStillAsksForTheSecondFactor() throws {
        let portal = try Harness()
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        // Remember this device, so that only the reset can make it ask again.
        try portal.logIn()
        try portal.toggle("Remember this device for 30 days")
        try portal.fill("Code", try portal.totpCode(uri))
        try portal.press("Continue")
        #expect(portal.screen.id == "home")
        #expect(try portal.account("alice@example.com").trustedDevices.count == 1)
        try portal.press("Log out")

        try Self.requestCode(portal)
        #expect(portal.screen.id == "password.reset")
        #expect(portal.messages == ["If an account uses alice@example.com, a code is on its way to it."])
        let code = try #require(try portal.latestMailCode(to: "alice@example.com"))
        #expect(code.count == 8)
        let stored = try #require(try portal.account("alice@example.com").passwordReset)
        #expect(!stored.codeHash.contains(code), "only the hash is kept")
        #expect(SecretHash.verify(code, against: stored.codeHash))
        #expect(stored.expiresAt == portal.clock.now().addingTimeInterval(15 * 60))

        try Self.fillReset(portal, code: code)
        #expect(portal.screen.id == "login")
        #expect(portal.messages == [Strings.bundled["reset.done"]])
        let account = try portal.account("alice@example.com")
        #expect(account.passwordReset == nil, "single use")
        #expect(account.trustedDevices.isEmpty)
        #expect(try PasswordHasher.verify(Self.newPassword, against: account.passwordHash))
        let notice = try #require(try mails(portal, to: "alice@example.com").first { $0.subject == "Your password was reset" })
        #expect(notice.body.contains("from test-laptop"))
        #expect(try portal.store.auditLog().contains { $0.event == "password.reset" && $0.account == "alice@example.com" })

        // The old password no longer opens the account; the new one reaches the challenge,
        // not home, although this device was remembered.
        try portal.logIn()
        #expect(portal.messages == [Strings.bundled["login.invalid"]])
        try portal.logIn(password: Self.newPassword)
        #expect(portal.screen.id == "challenge.totp")
    }

    @Test func theCodeWorksOnceAndNotAfterFifteenMinutes() throws {
        let portal = try Harness()
        _ = try ChallengeSessionTests.enrolledWithTOTP(portal)
        try Self.requestCode(portal)
        let code = try #require(try portal.latestMailCode(to: "alice@example.com"))
        portal.clock.advance(by: 15 * 60)
        try Self.fillReset(portal, code: code)
        #expect(portal.screen.id == "password.reset")
        #expect(portal.messages == [Strings.bundled["reset.refused"]])

        try portal.press("Send a new code")
        let fresh = try #require(try portal.latestMailCode(to: "alice@example.com"))
        try Self.fillReset(portal, code: fresh)
        #expect(portal.screen.id == "login")

        // The same code again, on the same address: refused, and the password stays.
        try Self.requestCode(portal)
        portal.clock.advance(by: 1)
        let outbox = try mails(portal, to: "alice@example.com").count
        try Self.fillReset(portal, code: fresh, password: "another brand new phrase")
        #expect(portal.messages == [Strings.bundled["reset.refused"]])
        #expect(try mails(portal, to: "alice@example.com").count == outbox, "a refusal mails nothing")
        #expect(try PasswordHasher.verify(Self.newPassword, against: portal.account("alice@example.com").passwordHash))
    }

    @Test func fiveWrongCodesVoidTheCode() throws {
        let portal = try Harness()
        _ = try ChallengeSessionTests.enrolledWithTOTP(portal)
        try Self.requestCode(portal)
        let code = try #require(try portal.latestMailCode(to: "alice@example.com"))
        let wrong = String(code.map { $0 == "9" ? "0" : Character(String(($0.wholeNumberValue ?? 0) + 1)) })
        for _ in 0..<5 {
            try Self.fillReset(portal, code: wrong)
            #expect(portal.messages == [Strings.bundled["reset.refused"]])
        }
        try Self.fillReset(portal, code: code)
        #expect(portal.screen.id == "password.reset", "the right code no longer works either")
        #expect(try portal.account("alice@example.com").passwordReset?.wrongAttempts == 5)
    }

    @Test func sendsAreRateLimitedWithoutSayingSo() throws {
        let portal = try Harness()
        _ = try ChallengeSessionTests.enrolledWithTOTP(portal)
        try Self.requestCode(portal)
        let first = try #require(try portal.latestMailCode(to: "alice@example.com"))
        try portal.press("Send a new code")  // within the 30 s cooldown
        #expect(portal.messages == ["If an account uses alice@example.com, a code is on its way to it."])
        #expect(try portal.latestMailCode(to: "alice@example.com") == first, "no new mail in the cooldown")
        var sent = 1
        for _ in 0..<12 {
            portal.clock.advance(by: 31)
            try portal.press("Send a new code")
            sent = try mails(portal, to: "alice@example.com").filter { $0.subject == "Your code to reset your password" }.count
        }
        #expect(sent == 10, "at most 10 codes an hour")
        #expect(try portal.store.auditLog().contains { $0.event == "password.resetRequested" && $0.detail["outcome"] == "limited" })
    }

    @Test func anAddressWithoutAnAccountGetsTheSameAnswerAndNoMail() throws {
        let portal = try Harness()
        _ = try ChallengeSessionTests.enrolledWithTOTP(portal)
        try Self.requestCode(portal, "alice@example.com")
        let known = portal.text.replacingOccurrences(of: "alice@example.com", with: "ADDRESS")
        try portal.press("Back to log in")
        try Self.requestCode(portal, "nobody@example.com")
        let unknown = portal.text.replacingOccurrences(of: "nobody@example.com", with: "ADDRESS")
        #expect(known == unknown)
        #expect(try mails(portal, to: "nobody@example.com").isEmpty)
        try Self.fillReset(portal, code: "12345678")
        #expect(portal.messages == [Strings.bundled["reset.refused"]])
        #expect(try portal.store.list(Account.self).map(\.email) == ["alice@example.com"])
    }

    /// Each answer is held to the floor, whether a record and a mail were written or not.
    @Test func sendCodeTakesTheSameTimeForEveryAddress() throws {
        let store = InMemoryStore(policy: .testing())
        let setup = try Harness(store: store)
        _ = try ChallengeSessionTests.enrolledWithTOTP(setup)
        let runner = EffectRunner(
            store: store,
            environment: PortalEnvironment(
                clock: setup.clock, deviceName: "laptop", keyring: InMemoryKeyring(), brand: .bundled,
                strings: .bundled),
            policy: try store.policy())
        runner.resetAnswerFloor = .milliseconds(80)
        func seconds(_ email: String) -> Double {
            setup.clock.advance(by: 3600)  // past the cooldown and the hourly cap
            let clock = ContinuousClock()
            var result: EffectResult?
            let elapsed = clock.measure { result = runner.perform(.requestPasswordReset(email: email)) }
            #expect(result == .passwordResetRequested(email: email))
            return Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
        }
        var known: [Double] = []
        var unknown: [Double] = []
        for _ in 0..<5 {
            known.append(seconds("alice@example.com"))
            unknown.append(seconds("nobody@example.com"))
        }
        #expect(known.allSatisfy { $0 >= 0.08 } && unknown.allSatisfy { $0 >= 0.08 }, "\(known) \(unknown)")
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        #expect(abs(median(known) - median(unknown)) < 0.02, "known \(known), unknown \(unknown)")
        #expect(try mails(setup, to: "alice@example.com").filter { $0.subject.contains("reset") }.count == 5)

        // "Reset password" too: a wrong code for an account, any code for no account.
        for email in ["alice@example.com", "nobody@example.com"] {
            let clock = ContinuousClock()
            var result: EffectResult?
            let elapsed = clock.measure {
                result = runner.perform(.resetPassword(email: email, code: "00000000", newPassword: "pale green lantern"))
            }
            #expect(result == .passwordResetRefused)
            #expect(elapsed >= .milliseconds(80), "\(email): \(elapsed)")
        }
    }
}
