import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// The phone's screens against a real portal session on one store.
@Suite struct PhoneSessionTests {
    @Test func homeListsTheAppsAndDigitsOpenThem() throws {
        let phone = PhoneAppHarness(portal: try Harness())
        #expect(phone.screen.id == "phone.home")
        #expect(phone.screen.wantsPolling)
        guard case .list(let apps)? = phone.screen.elements.first(where: { $0.focusID == "apps" }) else {
            Issue.record("no app list on the home screen")
            return
        }
        #expect(apps.items.map(\.id) == ["authenticator", "messages", "mail", "push", "settings"])
        phone.session.send(.down)
        phone.session.send(.enter)
        #expect(phone.screen.id == "phone.messages")
        phone.session.send(.escape)
        #expect(phone.screen.id == "phone.home")
        phone.session.send(.character("4"))
        #expect(phone.screen.id == "phone.push")
        phone.session.send(.escape)
        phone.session.send(.character("q"))
        #expect(phone.session.isFinished)
    }

    @Test func scanningThePortalsTOTPQRShowsTheLiveCodeAndCountdown() throws {
        let portal = try Harness()
        try portal.signUp()
        try portal.press("Authenticator app")
        let uri = try #require(portal.qrPayload)
        let phone = PhoneAppHarness(portal: portal)
        phone.session.send(.character("1"))
        try phone.press("Scan QR")
        #expect(phone.screen.id == "phone.authenticator")
        let totp = try OTPAuthURI.parse(uri).totp()
        let expected = totp.code(at: portal.clock.now())
        #expect(phone.codes == [String(expected.prefix(3)) + " " + String(expected.suffix(3))])
        let left = totp.secondsRemaining(at: portal.clock.now())
        #expect(phone.text.contains("\(left) s"))
        // The code the phone shows completes the portal's enrollment.
        try portal.fill("Code", phone.codes[0].replacingOccurrences(of: " ", with: ""))
        try portal.press("Continue")
        #expect(portal.screen.id == "recovery.show")
        // Time moves: the next poll shows the next step's code.
        portal.clock.advance(by: 30)
        phone.session.poll()
        let next = totp.code(at: portal.clock.now())
        #expect(phone.codes == [String(next.prefix(3)) + " " + String(next.suffix(3))])
    }

    @Test func aPastedURIIsAddedAndABadOneIsRefusedWithAReason() throws {
        let phone = PhoneAppHarness(portal: try Harness(), scans: false)
        phone.session.send(.character("1"))
        try phone.press("Add account")
        #expect(phone.screen.id == "phone.addAccount")
        try phone.type("https://example.com", into: "URI")
        phone.session.send(.enter)
        #expect(phone.screen.id == "phone.addAccount")
        #expect(phone.text.contains("the phone cannot add this URI"))
        let uri = "otpauth://totp/Acme:bob@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme"
        for _ in 0..<19 { phone.session.send(.backspace) }
        try phone.type(uri, into: "URI")
        phone.session.send(.enter)
        #expect(phone.screen.id == "phone.authenticator")
        #expect(phone.text.contains("Acme:bob@example.com"))
        let expected = try OTPAuthURI.parse(uri).totp().code(at: phone.portal.clock.now())
        #expect(phone.codes.map { $0.replacingOccurrences(of: " ", with: "") } == [expected])
    }

    @Test func withoutAPortalBesideItScanSaysToPaste() throws {
        let phone = PhoneAppHarness(portal: try Harness(), scans: false)
        phone.session.send(.character("1"))
        #expect(!phone.text.contains("<Scan QR>"))
        let portal = try Harness()
        let nothing = PhoneAppHarness(portal: portal)
        nothing.session.send(.character("1"))
        try nothing.press("Scan QR")
        #expect(nothing.text.contains("The portal shows no QR code right now."))
    }

    @Test func aNewSMSRaisesANotificationAndTheCodeIsHighlighted() throws {
        let portal = try Harness()
        try portal.signUp()
        let phone = PhoneAppHarness(portal: portal, numbers: ["+447700900123"])
        #expect(phone.banner == nil)
        try portal.press("SMS")
        portal.chooseCountry("gb")
        try portal.fill("Mobile number", "07700 900123")
        try portal.press("Continue")
        #expect(portal.screen.id == "enroll.sms.code")
        phone.session.poll()
        let banner = try #require(phone.banner)
        #expect(banner.hasPrefix("SMS to +447700900123: Your verification code is "))
        #expect(phone.session.takeTerminalRequests() == [.bell])
        #expect(phone.text.contains("2 Messages 1 new"))
        // Enter on the notification opens the message; the code is highlighted.
        #expect(phone.screen.focus == "notice")
        phone.session.send(.enter)
        #expect(phone.screen.id == "phone.messages")
        #expect(phone.banner == nil)
        let code = try #require(try portal.latestSMSCode(to: "+447700900123"))
        #expect(phone.codes == ["Code " + code])
        try portal.fill("Code", code)
        try portal.press("Continue")
        #expect(portal.screen.id == "recovery.show")
    }

    @Test func smsForOtherNumbersAndUndeliveredOrLostSMSAreNotShown() throws {
        let portal = try Harness()
        let now = portal.clock.now()
        let phone = PhoneAppHarness(portal: portal, numbers: ["+15550001111"])
        try portal.store.save(
            SMSMessage(id: "1", to: "+15550002222", body: "Code 111111", sentAt: now, deliverAt: now))
        try portal.store.save(
            SMSMessage(
                id: "2", to: "+15550001111", body: "Code 222222", sentAt: now, deliverAt: now, lost: true))
        try portal.store.save(
            SMSMessage(id: "3", to: "+15550001111", body: "Code 333333", sentAt: now, deliverAt: now + 20))
        phone.session.send(.character("2"))
        phone.session.poll()
        #expect(phone.codes.isEmpty)
        #expect(phone.banner == nil)
        portal.clock.advance(by: 20)
        phone.session.poll()
        #expect(phone.codes == ["Code 333333"])
        #expect(phone.banner?.contains("333333") == true)
    }

    @Test func mailIsListedNewestFirstAndOpens() throws {
        let portal = try Harness()
        let now = portal.clock.now()
        try portal.store.save(
            MailMessage(id: "a", to: "bob@example.com", subject: "Older", body: "first", sentAt: now - 60))
        try portal.store.save(
            MailMessage(
                id: "b", to: "bob@example.com", subject: "Newer \u{1B}[2J", body: "line one\nline two",
                sentAt: now))
        let phone = PhoneAppHarness(portal: portal)
        phone.session.send(.character("3"))
        guard case .list(let inbox)? = phone.screen.elements.first(where: { $0.focusID == "mails" }) else {
            Issue.record("no inbox list")
            return
        }
        #expect(inbox.items.map(\.id) == ["b", "a"])
        #expect(inbox.items[0].label == "Newer \u{FFFD}[2J", "an escape sequence never reaches the screen")
        phone.session.send(.enter)
        #expect(phone.screen.id == "phone.mailMessage")
        #expect(phone.text.contains("line one\nline two"))
        phone.session.send(.escape)
        #expect(phone.screen.id == "phone.mail")
    }
}
