import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// Push enrollment and log-in prompts on the phone's screen, against a real portal.
@Suite struct PhonePushTests {
    /// Alice signs up, enrolls push by scanning the portal's QR on the phone, reaches
    /// home and logs out.
    static func enrolledWithPush(_ portal: Harness, _ phone: PhoneAppHarness) throws {
        try portal.signUp()
        try portal.press("Push notification")
        try portal.press("Continue")
        #expect(portal.screen.id == "enroll.push.qr")
        phone.session.send(.character("4"))
        try phone.press("Scan QR")
        #expect(phone.text.contains("Push notifications on for "))
        #expect(phone.text.contains("Enrolled: "))
        portal.session.poll()
        #expect(portal.screen.id == "recovery.show")
        try portal.acceptRecoveryCode()
        try portal.press("Log out")
    }

    @Test func enrollThenApproveALogInOnThePhone() throws {
        let portal = try Harness()
        let phone = PhoneAppHarness(portal: portal)
        try Self.enrolledWithPush(portal, phone)
        phone.session.send(.escape)
        try portal.logIn()
        #expect(portal.screen.id == "challenge.push")
        phone.session.poll()
        #expect(phone.banner?.hasPrefix("Log-in request for alice@example.com") == true)
        phone.session.send(.enter)  // open the notification
        #expect(phone.screen.id == "phone.push")
        #expect(phone.text.contains("Log in as alice@example.com?"))
        #expect(phone.text.contains("test-laptop"))
        #expect(phone.text.contains("Expires in 300 s"), "the portal's format: one format for one countdown")
        // Number matching is on by default: the number shown on the portal is typed.
        let request = try #require(
            try Phone(store: portal.store, clock: portal.clock).pendingPushRequests().first)
        let number = try #require(request.numberToMatch)
        #expect(portal.text.contains("Pick this number on your phone: \(number)"))
        try phone.press("Approve")
        try phone.type(String(number), into: "Number")
        phone.session.send(.enter)
        #expect(phone.text.contains("Approved: the portal lets you in."))
        #expect(phone.text.contains("Approved: alice@example.com"))
        portal.session.poll()
        #expect(portal.screen.id == "home")
    }

    @Test func aDenyIsFinalAndAnExpiredPromptIsShownAsExpired() throws {
        let portal = try Harness()
        let phone = PhoneAppHarness(portal: portal)
        try Self.enrolledWithPush(portal, phone)
        try portal.logIn()
        phone.session.poll()
        try phone.press("Deny")
        #expect(phone.text.contains("Denied: alice@example.com"))
        portal.session.poll()
        #expect(portal.screen.id == "challenge.push")
        #expect(!phone.text.contains("<Approve>"))

        portal.clock.advance(by: 60)
        try portal.press("Log out")
        try portal.logIn()
        phone.session.poll()
        #expect(phone.text.contains("<Approve>"))
        portal.clock.advance(by: 301)
        phone.session.poll()
        #expect(!phone.text.contains("<Approve>"))
        #expect(phone.text.contains("Expired: alice@example.com"))
    }

    @Test func numberMatchingAsksForTheNumberThePortalShows() throws {
        var policy = Policy.testing()
        policy.push.numberMatching = true
        let portal = try Harness(policy: policy)
        let phone = PhoneAppHarness(portal: portal)
        try Self.enrolledWithPush(portal, phone)
        try portal.logIn()
        phone.session.poll()
        phone.session.send(.character("4"))
        let request = try #require(
            try Phone(store: portal.store, clock: portal.clock).pendingPushRequests().first)
        let number = try #require(request.numberToMatch)
        try phone.press("Approve")
        #expect(phone.text.contains("Type the number the portal shows, then Approve."))
        #expect(try portal.store.read(PushRequest.self, key: request.id)?.status == .pending)
        try phone.type(String(number), into: "Number")
        phone.session.send(.enter)
        #expect(try portal.store.read(PushRequest.self, key: request.id)?.status == .approved)
        portal.session.poll()
        #expect(portal.screen.id == "home")
    }

    @Test func aFastPhoneClockIsFoundByTheGuidedClockCheck() throws {
        let portal = try Harness()
        try portal.signUp()
        try portal.enrollTOTP()
        let recovery = try portal.acceptRecoveryCode()
        try portal.press("Log out")
        portal.clock.advance(by: 30)
        let phone = PhoneAppHarness(portal: portal, scans: false)
        let uri = try #require(
            try portal.account("alice@example.com").activeFactors.first.flatMap { factor -> String? in
                guard let secret = factor.totpSecret else { return nil }
                return "otpauth://totp/Keepsafe:alice@example.com?secret=\(secret)&issuer=Keepsafe"
            })
        try Phone(store: portal.store, clock: portal.clock).add(uri: uri)
        phone.session.send(.character("5"))
        try phone.press("+30 s")
        try phone.press("+30 s")
        #expect(phone.session.skew == 60)
        #expect(phone.text.contains("clock 60 s fast"))
        phone.session.send(.escape)
        phone.session.send(.character("1"))
        let shown = try #require(phone.codes.first).replacingOccurrences(of: " ", with: "")
        #expect(shown == (try portal.totpCode(uri, offset: 60)))
        try portal.logIn()
        try portal.fill("Code", shown)
        try portal.press("Continue")
        #expect(portal.screen.id == "challenge.totp")
        #expect(portal.messages == ["That code is not right."], "a refused code gets no hint")
        // The real case: "Check my phone's clock" in My Profile, two codes in a row.
        try portal.press("Try another method")
        try portal.press("Recovery code")
        try portal.fill("Recovery code", recovery)
        try portal.press("Continue")
        try portal.acceptRecoveryCode()
        try portal.openTwoFactorPage()
        try portal.press("Check my phone's clock")
        #expect(portal.screen.id == "profile.clock")
        try portal.fill("Code now", try #require(phone.codes.first).replacingOccurrences(of: " ", with: ""))
        portal.clock.advance(by: 30)
        phone.session.poll()
        try portal.fill("Next code", try #require(phone.codes.first).replacingOccurrences(of: " ", with: ""))
        try portal.press("Check")
        #expect(portal.messages == ["Your device's clock looks about 60 s fast: check its time setting."])
    }
}
