import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// `keepsafe pam` and `keepsafe enroll` through the real runtime: the portal's rules,
/// on the same store the portal session uses.
@Suite struct SystemLoginTests {
    /// A pam log-in on `portal`'s store at its clock.
    static func pam(
        _ portal: Harness, user: String = "alice", typed: String, service: String = "sshd",
        rhost: String = "203.0.113.9", pushWait: TimeInterval = 5,
        onPush: (SystemLogin.PushPrompt) -> Void = { _ in },
        pause: ((TimeInterval) -> Void)? = nil
    ) throws -> SystemLogin.Outcome {
        let login = try SystemLogin(
            store: portal.store,
            environment: PortalEnvironment(
                clock: portal.clock, deviceName: "sshd log-in from \(rhost)", keyring: InMemoryKeyring()),
            service: service, remoteHost: rhost)
        return try login.authenticate(
            SystemLogin.Request(
                user: user, domain: "example.com", service: service, remoteHost: rhost, typed: typed),
            pushWait: pushWait, onPush: onPush, pause: pause ?? { portal.clock.advance(by: $0) })
    }

    /// `keepsafe enroll` for `email` (domain example.com) on `portal`'s store at its clock.
    static func enroll(_ portal: Harness, _ email: String, _ displayName: String) throws
        -> PortalSession.SystemEnrollment
    {
        try PortalSession.systemEnrollment(
            store: portal.store,
            environment: PortalEnvironment(
                clock: portal.clock, deviceName: "laptop", keyring: InMemoryKeyring()),
            email: email, displayName: displayName, domain: "example.com")
    }

    @Test func aTOTPCodeLogsInOnceAndIsAReplayInAnyLaterProcess() throws {
        let portal = try Harness()
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        let code = try portal.totpCode(uri)
        #expect(try Self.pam(portal, typed: code) == .accepted(account: "alice@example.com"))
        // A fresh SystemLogin (another process in real life) sees the spent step.
        #expect(try Self.pam(portal, typed: code) == .refused)
        // And so does the portal: the step was persisted in pam's transaction.
        try portal.logIn()
        try portal.fill("Code", code)
        try portal.press("Continue")
        #expect(portal.screen.id == "challenge.totp")
        #expect(portal.messages == ["That code was already used. Wait for the next one."])
        let audit = try portal.store.auditLog().filter { $0.event == "login.succeeded" }
        #expect(audit.last?.detail["service"] == "sshd")
        #expect(audit.last?.detail["rhost"] == "203.0.113.9")
    }

    @Test func aRemoteLogInIsAlertedALocalOneIsNot() throws {
        let portal = try Harness()
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        func alerts() throws -> [MailMessage] {
            try portal.store.list(MailMessage.self).filter { $0.subject == "New sign-in to your account" }
        }
        #expect(try Self.pam(portal, typed: try portal.totpCode(uri)) == .accepted(account: "alice@example.com"))
        #expect(try alerts().count == 1)
        #expect(try alerts().first?.body.contains("from sshd log-in from 203.0.113.9") == true)
        portal.clock.advance(by: 30)
        #expect(
            try Self.pam(portal, typed: try portal.totpCode(uri), service: "sudo", rhost: "")
                == .accepted(account: "alice@example.com"))
        #expect(try alerts().count == 1, "a local sudo is not mailed")
    }

    @Test func unknownUsersWrongCodesAndMalformedInputAreRefusedAlike() throws {
        let portal = try Harness()
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        #expect(try Self.pam(portal, user: "mallory", typed: try portal.totpCode(uri)) == .notEnrolled)
        #expect(try Self.pam(portal, typed: try portal.wrongTOTPCode(uri)) == .refused)
        #expect(try Self.pam(portal, typed: "not a code") == .refused)
        #expect(try portal.account("alice@example.com").factors[0].consecutiveFailures == 1)
    }

    @Test func afterLockAfterWrongCodesTheRightCodeIsRefusedAndTheOwnerIsMailed() throws {
        let portal = try Harness()
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        let lockAfter = try portal.store.policy().wrongCodes.lockAfter
        for _ in 0..<lockAfter {
            #expect(try Self.pam(portal, typed: try portal.wrongTOTPCode(uri)) == .refused)
        }
        #expect(try Self.pam(portal, typed: try portal.totpCode(uri)) == .refused)
        #expect(try portal.store.list(MailMessage.self).contains { $0.subject.lowercased().contains("lock") })
        portal.clock.advance(by: 16 * 60)
        #expect(
            try Self.pam(portal, typed: try portal.totpCode(uri)) == .accepted(account: "alice@example.com"))
    }

    @Test func theRecoveryCodeWorksOnceThenEnrollShowsTheNewOneBehindTheGate() throws {
        let portal = try Harness()
        let (_, recovery) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        #expect(try Self.pam(portal, typed: recovery.lowercased()) == .accepted(account: "alice@example.com"))
        #expect(try Self.pam(portal, typed: recovery) == .refused)
        let account = try portal.account("alice@example.com")
        #expect(account.recoveryCodeHash == nil)
        #expect(account.recoveryCodeRenewalDue == true)
        #expect(try portal.store.list(MailMessage.self).contains { $0.to == "alice@example.com" })

        let enroll = try Self.enroll(portal, "alice@example.com", "Alice")
        let session = try #require(enroll.session, "no session: \(enroll)")
        #expect(session.screen.id == "recovery.show")
        try session.press(label: "Continue")
        #expect(!session.isFinished)  // the gate holds
        try session.toggle(label: "I have safely recorded this code")
        try session.press(label: "Continue")
        #expect(session.isFinished)
        let renewed = try portal.account("alice@example.com")
        #expect(renewed.recoveryCodeHash != nil)
        #expect(renewed.recoveryCodeRenewalDue == nil)
    }

    @Test func thePortalLogInShowsADueRecoveryCode() throws {
        let portal = try Harness()
        let (uri, recovery) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        #expect(try Self.pam(portal, typed: recovery) == .accepted(account: "alice@example.com"))
        portal.clock.advance(by: 30)
        try portal.logIn()
        try portal.fill("Code", try portal.totpCode(uri))
        try portal.press("Continue")
        #expect(portal.screen.id == "recovery.show")
        let fresh = try portal.acceptRecoveryCode()
        #expect(fresh != recovery)
        #expect(portal.screen.id == "home")
    }

    @Test func emptyInputSendsAPushAndWaitsForApprove() throws {
        let portal = try Harness()
        _ = try PushSessionTests.enrolledWithPush(portal)
        var shown: SystemLogin.PushPrompt?
        var polls = 0
        let outcome = try Self.pam(
            portal, typed: "", onPush: { shown = $0 },
            pause: { seconds in
                portal.clock.advance(by: seconds)
                polls += 1
                guard polls == 3,
                    let request = try? portal.store.list(PushRequest.self).first(where: {
                        $0.kind == .login && $0.status == .pending
                    })
                else { return }
                // The phone's Approve, as `keepsafe phone approve` records it.
                try? portal.store.update(PushRequest.self, key: request.id) { record in
                    record?.status = .approved
                    record?.respondedAt = portal.clock.now()
                }
            })
        #expect(outcome == .accepted(account: "alice@example.com"))
        #expect(shown?.numberToMatch != nil)
        #expect(polls == 3)  // accepted at the poll after the Approve
        // Nobody answers: refused once the wait is over, without hanging.
        #expect(try Self.pam(portal, typed: "", pushWait: 10) == .refused)
    }

    @Test func emptyInputWithoutAPushFactorFails() throws {
        let portal = try Harness()
        _ = try ChallengeSessionTests.enrolledWithTOTP(portal)
        #expect(try Self.pam(portal, typed: "") == .refused)
    }

    @Test func aLinkedUserLogsInWithTheLinkedAccountAndNobodyElseDoes() throws {
        let portal = try Harness()
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        try SystemLogin.link(
            user: "asmith", to: "alice@example.com", store: portal.store, at: portal.clock.now())
        #expect(try Self.pam(portal, user: "alice", typed: try portal.totpCode(uri)) == .notEnrolled)
        #expect(
            try Self.pam(portal, user: "asmith", typed: try portal.totpCode(uri))
                == .accepted(account: "alice@example.com"))
    }

    @Test func enrollOpensKeepYourAccountSafeWithoutAPasswordAndFinishesAfterTheGate() throws {
        let portal = try Harness()
        let enroll = try Self.enroll(portal, "bob@example.com", "Bob")
        let session = try #require(enroll.session, "no session: \(enroll)")
        #expect(session.screen.id == "mfa.choose")
        #expect(session.screen.title.contains("Keep Your Account Safe"))
        try session.press(label: "Authenticator app")
        var payload: String?
        for case .qr(let block) in session.screen.elements { payload = block.payload }
        let uri = try #require(payload)
        try session.fill(label: "Code", with: try portal.totpCode(uri))
        try session.press(label: "Continue")
        #expect(session.screen.id == "recovery.show")
        try session.toggle(label: "I have safely recorded this code")
        try session.press(label: "Continue")
        #expect(session.isFinished)
        let bob = try portal.account("bob@example.com")
        #expect(bob.activeFactors.count == 1)
        #expect(bob.recoveryCodeHash != nil)
        // The account was made without a usable password.
        try portal.logIn("bob@example.com", password: "anything at all")
        #expect(portal.screen.id == "login")

        portal.clock.advance(by: 30)
        let again = try Self.enroll(portal, "bob@example.com", "Bob")
        #expect(again.isAlreadyEnrolled)
        #expect(
            try Self.pam(portal, user: "bob", typed: try portal.totpCode(uri))
                == .accepted(account: "bob@example.com"))
    }

    @Test func logOutFromEnrollEndsTheSessionUnenrolled() throws {
        let portal = try Harness()
        let enroll = try Self.enroll(portal, "carol@example.com", "Carol")
        let session = try #require(enroll.session, "no session")
        try session.press(label: "Log out")
        #expect(session.isFinished)
        #expect(try portal.account("carol@example.com").activeFactors.isEmpty)
    }
}

extension PortalSession.SystemEnrollment {
    /// The enrollment session, when there is one to go through.
    var session: PortalSession? {
        if case .session(let session) = self { return session }
        return nil
    }

    var isAlreadyEnrolled: Bool {
        if case .alreadyEnrolled = self { return true }
        return false
    }
}
