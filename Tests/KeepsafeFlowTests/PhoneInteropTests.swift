import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// The portal and the simulated phone meeting on the store, as in a demo: the channel
/// protocol of contracts.md from both sides.
@Suite struct PhoneInteropTests {
    @Test func pushEnrollmentAndLogInApprovedOnThePhone() throws {
        var policy = Policy.testing()
        policy.push.numberMatching = true
        let portal = try Harness(policy: policy)
        let phone = Phone(store: portal.store, clock: portal.clock)
        try portal.signUp()
        try portal.press("Push notification")
        try portal.press("Continue")
        _ = try phone.add(uri: try #require(portal.qrPayload))
        portal.session.poll()
        #expect(portal.screen.id == "recovery.show")
        try portal.acceptRecoveryCode()
        try portal.press("Log out")

        try portal.logIn()
        #expect(portal.screen.id == "challenge.push")
        let number = try #require(portal.state.numberToMatch)
        #expect(try phone.pendingPushRequests().count == 1)
        try phone.approve(number: number)
        portal.session.poll()
        #expect(portal.screen.id == "home")

        // The authenticator code of the push account works as the manual fallback.
        try portal.press("Log out")
        try portal.logIn()
        try portal.press("Enter a code manually")
        portal.clock.advance(by: 30)
        try portal.fill("Code", try phone.code(for: "alice@example.com"))
        try portal.press("Continue")
        #expect(portal.screen.id == "home")
    }

    @Test func smsAndAuthenticatorCodesReadOnThePhone() throws {
        let portal = try Harness()
        let phone = Phone(store: portal.store, clock: portal.clock, numbers: ["+447700900123"])
        try portal.signUp()
        try portal.press("Authenticator app")
        _ = try phone.add(uri: try #require(portal.qrPayload))
        try portal.fill("Code", try phone.code(for: "alice@example.com"))
        try portal.press("Continue")
        try portal.acceptRecoveryCode()
        try portal.openTwoFactorPage()
        try portal.press("Change method")
        // "Confirm it's you" with the phone's authenticator, at the next step.
        #expect(portal.screen.id == "profile.verify")
        portal.clock.advance(by: 30)
        try portal.fill("Code", try phone.code(for: "alice@example.com"))
        try portal.press("Continue")
        try portal.press("SMS")
        portal.chooseCountry("gb")
        try portal.fill("Mobile number", "07700 900123")
        try portal.press("Continue")
        try portal.fill("Code", try #require(try phone.latestCode(to: "+447700900123")))
        try portal.press("Continue")
        #expect(portal.screen.id == "profile.mfa")
        #expect(
            try phone.mail(to: "alice@example.com").contains {
                $0.subject == "Your preferred second factor changed"
            })
    }
}
