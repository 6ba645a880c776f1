import Foundation
import KeepsafeStore
import OneTimePassword
import TestSupport
import Testing

@testable import KeepsafeFlow

/// The flows on the real file store (locks, atomic writes): what the portal runs on.
@Suite struct FileStoreSessionTests {
    @Test func enrollChallengeRememberAndRecoverOnTheFileStore() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileStore(path: directory.file("store"), initialPolicy: .testing())
        let portal = try Harness(store: store)
        try portal.signUp()
        let uri = try portal.enrollTOTP()
        let recovery = try portal.acceptRecoveryCode()
        #expect(portal.screen.id == "home")
        try portal.press("Invite a co-worker")
        try portal.fill("Email", "bob@example.com")
        try portal.press("Send Invite")
        #expect(portal.screen.id == "invite.sent")
        try portal.press("Back to home")
        try portal.press("Log out")
        portal.clock.advance(by: 30)

        try portal.logIn()
        try portal.fill("Code", try portal.totpCode(uri))
        try portal.toggle("Remember this device for 30 days")
        try portal.press("Continue")
        #expect(portal.screen.id == "home")
        try portal.press("Log out")
        try portal.logIn()
        #expect(portal.screen.id == "home")

        // Another device, through the recovery code.
        let other = try Harness(store: store, clock: portal.clock, device: "kiosk")
        try other.logIn()
        try other.press("Try another method")
        try other.press("Recovery code")
        try other.fill("Recovery code", recovery)
        try other.press("Continue")
        #expect(other.screen.id == "recovery.show")

        let account = try #require(try store.read(Account.self, key: "alice@example.com"))
        #expect(account.trustedDevices.map(\.name) == ["test-laptop"])
        #expect(try store.read(Invitation.self, key: "bob@example.com") != nil)
        #expect(try store.auditLog().contains { $0.event == "recovery.used" })
        #expect(try StoreCheck(store: store).run().isEmpty)
    }
}
