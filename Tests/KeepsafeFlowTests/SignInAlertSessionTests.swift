import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// Issue 14, sign-in alerts and the remembered devices, through the real runtime: a mail
/// for each log-in from a device that is not remembered (its name and time), none for a
/// remembered one; "last used" on the profile; "Forget all devices".
@Suite struct SignInAlertSessionTests {
    func alerts(_ portal: Harness) throws -> [MailMessage] {
        try portal.store.list(MailMessage.self).filter { $0.subject == "New sign-in to your account" }
    }

    @Test func aLogInFromADeviceNotRememberedIsMailedARememberedOneIsNot() throws {
        let portal = try Harness(device: "kitchen-pc")
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        #expect(try alerts(portal).isEmpty, "the sign-up session is no log-in")
        try portal.logInRemembered(uri)
        let first = try alerts(portal)
        #expect(first.count == 1)
        #expect(first.first?.to == "alice@example.com")
        #expect(first.first?.body.contains("from kitchen-pc") == true)
        #expect(first.first?.body.contains("at 2026-05-01 09:00:30Z") == true)
        #expect(try portal.store.auditLog().contains { $0.event == "login.newDevice" && $0.detail["device"] == "kitchen-pc" })
        try portal.press("Log out")

        portal.clock.advance(by: 3600)
        try portal.logIn()
        #expect(portal.screen.id == "home")
        #expect(try alerts(portal).count == 1, "a remembered device skips the challenge and the alert")
        try portal.press("Log out")

        let other = try Harness(store: portal.store, clock: portal.clock, device: "hotel-kiosk")
        other.clock.advance(by: 30)
        try other.logIn()
        try other.fill("Code", try other.totpCode(uri))
        try other.press("Continue")
        #expect(try alerts(portal).count == 2)
        #expect(try alerts(portal).contains { $0.body.contains("from hotel-kiosk") })
    }

    @Test func theProfileShowsLastUsedAndForgetsAllDevices() throws {
        let (portal, tablet) = try Harness.rememberedOnTwoDevices(device: "kitchen-pc")
        try portal.press("Log out")
        portal.clock.advance(by: 7200)
        try portal.logIn()
        #expect(portal.screen.id == "home")
        try portal.openTwoFactorPage()
        let details = portal.screen.elements.flatMap { element -> [String] in
            if case .list(let list) = element, list.id == "devices" { return list.items.compactMap(\.detail) }
            return []
        }
        #expect(details.count == 2)
        #expect(details.contains { $0.hasSuffix("last used 2026-05-01 11:01:00Z") }, "the trusted log-in just now")
        #expect(details.contains { $0.hasSuffix("last used 2026-05-01 09:00:30Z") }, "the tablet, when it was remembered")
        try portal.press("Forget all devices")
        #expect(portal.messages == [Strings.bundled["profile.devicesForgotten"]])
        #expect(try portal.account("alice@example.com").trustedDevices.isEmpty)
        #expect(portal.text.contains("No device is remembered."))
        #expect(try portal.store.auditLog().contains { $0.event == "device.revokedAll" && $0.detail["count"] == "2" })
        try portal.press("Back")
        try portal.press("Back to home")
        try portal.press("Log out")
        try portal.logIn()
        #expect(portal.screen.id == "challenge.totp", "this device was forgotten too")
        try tablet.logIn()
        #expect(tablet.screen.id == "challenge.totp")
    }
}
