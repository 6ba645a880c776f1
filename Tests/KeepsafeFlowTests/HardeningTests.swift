import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// Issue 11, through the real runtime: the proofs a change needs cannot be skipped by
/// going around the screens, the mailbox code is a real one-time code, the log-in
/// refusal costs the same for unknown and known emails, and expired SMS codes leave the
/// outbox.
@Suite struct HardeningTests {
    /// The runtime alone, as an attacker who skips the screens would drive it.
    func runner(_ portal: Harness) throws -> EffectRunner {
        EffectRunner(
            store: portal.store,
            environment: PortalEnvironment(
                clock: portal.clock, deviceName: "attacker", keyring: InMemoryKeyring(), brand: .bundled,
                strings: .bundled),
            policy: try portal.store.policy())
    }

    @Test func aPasswordAloneCannotDisableMFAOrEnrollAFactor() throws {
        let portal = try Harness()
        _ = try ChallengeSessionTests.enrolledWithTOTP(portal)
        let attacker = try runner(portal)
        _ = attacker.perform(.logIn(email: "alice@example.com", password: "correct horse battery"))
        // No second factor: nothing past the password works, even sent straight to the runtime.
        for effect: Effect in [
            .disableMFA, .beginEnrollment(.totp), .confirmPassword("correct horse battery"),
        ] {
            guard case .failed? = attacker.perform(effect) else {
                Issue.record("\(effect) ran on a password alone")
                continue
            }
        }
        #expect(try portal.account("alice@example.com").activeFactors.count == 1)
    }

    @Test func disablingNeedsTheSecondFactorEvenInsideTheProfile() throws {
        let portal = try Harness()
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        let user = try runner(portal)
        _ = user.perform(.logIn(email: "alice@example.com", password: "correct horse battery"))
        portal.clock.advance(by: 30)
        guard
            case .challengePassed? = user.perform(
                .verifyChallengeCode(
                    factorID: try #require(try portal.account("alice@example.com").preferredFactorID),
                    code: try portal.totpCode(uri), remember: false))
        else {
            Issue.record("the challenge did not pass")
            return
        }
        guard case .passwordConfirmed? = user.perform(.confirmPassword("correct horse battery")) else {
            Issue.record("the password was not confirmed")
            return
        }
        guard case .failed? = user.perform(.disableMFA) else {
            Issue.record("MFA was disabled without confirming the second factor")
            return
        }
        guard case .codeRefused(.replayed)? = user.perform(.verifyStepUp(code: try portal.totpCode(uri)))
        else {
            Issue.record("a spent code confirmed the change")
            return
        }
        portal.clock.advance(by: 30)
        guard case .stepUpPassed? = user.perform(.verifyStepUp(code: try portal.totpCode(uri))) else {
            Issue.record("the next code did not confirm")
            return
        }
        guard case .mfaDisabled? = user.perform(.disableMFA) else {
            Issue.record("not disabled")
            return
        }
        #expect(try portal.account("alice@example.com").mfaRequiredAtNextLogin)
    }

    @Test func theMailboxCodeIsHashedSingleUseExpiringAndLimited() throws {
        let portal = try Harness()
        try portal.signUp()
        try portal.press("Log out")
        try portal.logIn()
        #expect(portal.screen.id == "verify.mail")
        let code = try #require(try portal.latestMailCode(to: "alice@example.com"))
        let challenge = try #require(try portal.account("alice@example.com").mailboxChallenge)
        #expect(challenge.codeHash != code && !challenge.codeHash.contains(code), "only the hash is kept")
        #expect(SecretHash.verify(code, against: challenge.codeHash))
        let wrong = String(code.map { $0 == "9" ? "0" : Character(String(($0.wholeNumberValue ?? 0) + 1)) })
        try portal.exhaustSentCode(with: wrong)
        try portal.fill("Code", code)
        try portal.press("Continue")
        #expect(portal.screen.id == "verify.mail", "five wrong tries void the code, the right one included")
        #expect(portal.messages == ["Too many wrong tries: this code no longer works. Ask for a new one."])

        portal.clock.advance(by: 31)
        try portal.press("Resend")
        let fresh = try #require(try portal.latestMailCode(to: "alice@example.com"))
        portal.clock.advance(by: 15 * 60)
        try portal.fill("Code", fresh)
        try portal.press("Continue")
        #expect(portal.messages == ["That code has expired. Ask for a new one."])

        try portal.press("Resend")
        try portal.proveMailbox()
        #expect(portal.screen.id == "mfa.choose")
        #expect(try portal.account("alice@example.com").mailboxChallenge == nil, "used once, then gone")
    }

    @Test func expiredSMSCodesLeaveTheOutbox() throws {
        let portal = try Harness()
        try CodePolicySessionTests.enrolledWithSMS(portal)
        let first = try portal.store.list(SMSMessage.self)
        #expect(first.count == 1)
        portal.clock.advance(by: 15 * 60 + 1)
        try portal.logIn()
        #expect(portal.screen.id == "challenge.sms")
        let after = try portal.store.list(SMSMessage.self)
        #expect(after.count == 1, "the expired enrollment code was purged when the next was sent")
        #expect(after.map(\.id) != first.map(\.id))
    }

    /// The decoy hash used to be made lazily inside the failing path, so the first
    /// unknown email cost two PBKDF2 runs (367 ms against 266 ms for a known one). Each
    /// round is a fresh session, as one process per try is.
    @Test func anUnknownEmailCostsNoMoreThanAWrongPassword() throws {
        let policy = Policy.testing(iterations: 150_000)
        let store = InMemoryStore(policy: policy)
        let setup = try Harness(policy: policy, store: store)
        try setup.signUp()
        try setup.enrollTOTP()
        try setup.acceptRecoveryCode()
        func seconds(_ email: String) throws -> Double {
            let portal = try Harness(policy: policy, store: store)
            let start = Date()
            try portal.logIn(email, password: "not the password at all")
            let elapsed = Date().timeIntervalSince(start)
            #expect(portal.messages == [Strings.bundled["login.invalid"]])
            return elapsed
        }
        var known: [Double] = []
        var unknown: [Double] = []
        for _ in 0..<7 {
            known.append(try seconds("alice@example.com"))
            unknown.append(try seconds("nobody@example.com"))
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        #expect(median(unknown) < median(known) * 1.5, "known \(known), unknown \(unknown)")
        #expect(median(known) < median(unknown) * 1.5, "known \(known), unknown \(unknown)")
    }

    @Test func decoyHashesCostWhatThePolicySaysAndMatchNothing() throws {
        let hasher = PasswordHasher(iterations: 1234, saltByteCount: 16)
        let decoy = hasher.decoy()
        #expect(decoy.hasPrefix("$pbkdf2-sha256$i=1234$"))
        #expect(!PasswordHasher.needsRehash(decoy, iterations: 1234))
        #expect(try PasswordHasher.verify("anything", against: decoy) == false)
        #expect(decoy != hasher.decoy(), "a fresh salt each time")
    }
}
