import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// Push log-in: approve, deny (final), expiry, rate limit, number matching and the
/// manual-code fallback.
@Suite struct PushSessionTests {
    /// Alice enrolled with push (phone "Pixel") and logged out; returns the enrollment URI.
    static func enrolledWithPush(_ portal: Harness) throws -> PushEnrollmentURI {
        try portal.signUp()
        try portal.press("Push notification")
        try portal.press("Continue")
        let uri = try PushEnrollmentURI.parse(try #require(portal.qrPayload))
        try portal.store.update(PushRequest.self, key: uri.enrollmentTransactionID) { record in
            record?.status = .approved
            record?.pushDeviceName = "Pixel"
            record?.respondedAt = portal.clock.now()
        }
        portal.session.poll()
        try portal.acceptRecoveryCode()
        try portal.press("Log out")
        return uri
    }

    func pendingLogIn(_ portal: Harness) throws -> PushRequest {
        let requests = try portal.store.list(PushRequest.self).filter {
            $0.kind == .login && $0.status == .pending
        }
        return try #require(requests.max { $0.createdAt < $1.createdAt })
    }

    func answer(_ portal: Harness, _ id: String, _ status: PushRequest.Status) throws {
        try portal.store.update(PushRequest.self, key: id) { record in
            record?.status = status
            record?.respondedAt = portal.clock.now()
        }
    }

    @Test func approvedOnThePhone() throws {
        let portal = try Harness()
        _ = try Self.enrolledWithPush(portal)
        try portal.logIn()
        #expect(portal.screen.id == "challenge.push")
        #expect(portal.screen.wantsPolling)
        #expect(portal.text.contains("Pixel"))
        let request = try pendingLogIn(portal)
        #expect(request.device == "test-laptop")
        let number = try #require(request.numberToMatch, "number matching is on by default")
        #expect((10...99).contains(number))
        #expect(portal.text.contains("Pick this number on your phone: \(number)"))
        portal.session.poll()
        #expect(portal.screen.id == "challenge.push")
        try answer(portal, request.id, .approved)
        portal.session.poll()
        #expect(portal.screen.id == "home")
        #expect(try portal.store.read(PushRequest.self, key: request.id) == nil, "an approval is spent once")
    }

    @Test func aDenyIsFinal() throws {
        let portal = try Harness()
        _ = try Self.enrolledWithPush(portal)
        try portal.logIn()
        let request = try pendingLogIn(portal)
        try answer(portal, request.id, .denied)
        portal.session.poll()
        #expect(portal.messages.first?.hasPrefix("The request was denied on your phone.") == true)
        #expect(!portal.screen.wantsPolling)
        try answer(portal, request.id, .approved)
        portal.session.poll()
        #expect(portal.screen.id == "challenge.push", "a denied request is not polled again")
        try portal.press("Send again")
        #expect(try pendingLogIn(portal).id != request.id)
    }

    @Test func requestsExpireAfterFiveMinutes() throws {
        let portal = try Harness()
        _ = try Self.enrolledWithPush(portal)
        try portal.logIn()
        let request = try pendingLogIn(portal)
        #expect(request.expiresAt == portal.clock.now().addingTimeInterval(300))
        portal.clock.advance(by: 300)
        portal.session.poll()
        #expect(portal.messages == ["The request expired before it was answered."])
        try answer(portal, request.id, .approved)
        portal.session.poll()
        #expect(portal.screen.id == "challenge.push")
    }

    @Test func atMostFiveRequestsPerTenMinutes() throws {
        let portal = try Harness()
        _ = try Self.enrolledWithPush(portal)
        try portal.logIn()
        for _ in 2...5 {
            try answer(portal, try pendingLogIn(portal).id, .denied)
            portal.session.poll()
            try portal.press("Send again")
        }
        #expect(try portal.store.list(PushRequest.self).filter { $0.kind == .login }.count == 5)
        try answer(portal, try pendingLogIn(portal).id, .denied)
        portal.session.poll()
        try portal.press("Send again")
        #expect(try portal.store.list(PushRequest.self).filter { $0.kind == .login }.count == 5)
        #expect(
            portal.messages == ["Too many requests were sent. Try again in 10 min, or use another method."])
    }

    @Test func numberMatchingShowsTheNumber() throws {
        var policy = Policy.testing()
        policy.push.numberMatching = true
        let portal = try Harness(policy: policy)
        _ = try Self.enrolledWithPush(portal)
        try portal.logIn()
        let number = try #require(try pendingLogIn(portal).numberToMatch)
        #expect((10...99).contains(number))
        #expect(portal.text.contains("Pick this number on your phone: \(number)"))
    }

    @Test func enterACodeManuallyUsesTheSecretFromTheEnrollmentURI() throws {
        let portal = try Harness()
        let uri = try Self.enrolledWithPush(portal)
        try portal.logIn()
        try portal.press("Enter a code manually")
        #expect(portal.screen.id == "challenge.push.code")
        try portal.fill("Code", try uri.totp().code(at: portal.clock.now()))
        try portal.press("Continue")
        #expect(portal.screen.id == "home")
    }
}
