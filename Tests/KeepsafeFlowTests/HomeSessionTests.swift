import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// F4 home, F5 invite a co-worker, F10 help.
@Suite struct HomeSessionTests {
    /// Alice signed up, enrolled TOTP, and is at home.
    static func atHome(_ portal: Harness) throws {
        try portal.signUp()
        try portal.enrollTOTP()
        try portal.acceptRecoveryCode()
    }

    @Test func theAnnouncementCanBeDismissedForGood() throws {
        let portal = try Harness()
        try Self.atHome(portal)
        let announcement = Brand.bundled.announcement
        #expect(!announcement.isEmpty)
        #expect(
            portal.screen.elements.first
                == .banner(Banner(id: "announcement", text: announcement, dismissible: true)))
        for label in ["My Profile", "Invite a co-worker", "Help", "Log out"] {
            #expect(portal.text.contains("<\(label)>"))
        }
        try portal.press(announcement)
        #expect(!portal.text.contains(announcement))
        #expect(try portal.account("alice@example.com").announcementDismissed)
    }

    @Test func everyInviteMessage() throws {
        let portal = try Harness()
        try Self.atHome(portal)
        try portal.press("Invite a co-worker")
        #expect(portal.screen.id == "invite")
        #expect(portal.text.contains("<Send Invite>") && portal.text.contains("<Cancel>"))
        try portal.press("Send Invite")
        #expect(portal.messages == ["Enter your co-worker's email address."])
        try portal.fill("Email", "bob@@example")
        try portal.press("Send Invite")
        #expect(portal.messages == ["That email address is not valid. Enter it again."])
        try portal.fill("Email", "Alice@Example.com")
        try portal.press("Send Invite")
        #expect(portal.messages == ["This co-worker already has an account. Invite someone else."])
        try portal.fill("Email", "Bob@Example.com")
        try portal.press("Send Invite")
        #expect(portal.screen.id == "invite.sent")
        #expect(portal.screen.title == "Invitation Sent")
        #expect(portal.text.contains("bob@example.com"))
        let mail = try #require(try portal.store.list(MailMessage.self).first { $0.to == "bob@example.com" })
        #expect(mail.subject == "Alice Example invited you to Northwind Partner Portal")
        try portal.press("Invite another co-worker")
        try portal.fill("Email", "bob@example.com")
        try portal.press("Send Invite")
        #expect(portal.messages == ["This co-worker already has an invitation. Invite someone else."])
        try portal.press("Cancel")
        #expect(portal.screen.id == "home")
        #expect(
            try portal.store.auditLog().contains {
                $0.event == "invite.sent" && $0.detail["to"] == "bob@example.com"
            })
    }

    @Test func theInviteeJoinsTheInvitersCompany() throws {
        let portal = try Harness()
        try Self.atHome(portal)
        try portal.press("Invite a co-worker")
        try portal.fill("Email", "bob@example.com")
        try portal.press("Send Invite")
        try portal.press("Back to home")
        try portal.press("Log out")

        try portal.press("Sign up")
        try portal.fill("Email", "bob@example.com")
        portal.session.send(.tab)
        guard case .field(let company)? = portal.screen.elements.first(where: { $0.focusID == "company" })
        else {
            Issue.record("no company field")
            return
        }
        #expect(!company.editable)
        #expect(company.value == "Acme")
        #expect(throws: PortalSessionError.self) { try portal.fill("Company", "Other Corp") }
        try portal.fill("Full name", "Bob")
        try portal.fill("Password", "another fine password")
        try portal.fill("Confirm password", "another fine password")
        try portal.press("Sign up")
        #expect(portal.screen.id == "mfa.choose")
        let alice = try portal.account("alice@example.com")
        let bob = try portal.account("bob@example.com")
        #expect(bob.company == alice.company)
        #expect(try portal.store.read(Invitation.self, key: "bob@example.com")?.acceptedAt != nil)
    }

    @Test func helpFromEverywhereAndBackToWhatWasTyped() throws {
        let portal = try Harness()
        try portal.fill("Email", "alice@example.com")
        portal.session.send(.help)
        #expect(portal.screen.id == "help")
        for topic in [
            "why", "methods", "push", "totp", "sms", "change", "lost", "disable", "expiry", "recovery",
        ] {
            #expect(!portal.text.contains("⟦help.\(topic)"))
        }
        #expect(portal.text.contains("15 minutes"))
        portal.session.send(.escape)
        #expect(portal.screen.id == "login")
        guard case .field(let email)? = portal.screen.elements.first(where: { $0.focusID == "email" }) else {
            Issue.record("no email field")
            return
        }
        #expect(email.value == "alice@example.com")
        // `?` types into a field, opens help elsewhere.
        portal.session.dispatch(.focus("email"))
        portal.session.send(.character("?"))
        #expect(portal.screen.id == "login")
        portal.session.dispatch(.focus("login"))
        portal.session.send(.character("?"))
        #expect(portal.screen.id == "help")
        try portal.press("Back")
        #expect(portal.screen.id == "login")
    }
}
