import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// F1 → F3 → recovery → F4 through the real runtime, driven by label.
@Suite struct EnrollmentSessionTests {
    @Test func signUpThenAuthenticatorAppThenRecoveryThenHome() throws {
        let portal = try Harness()
        #expect(portal.screen.id == "login")
        try portal.signUp()
        #expect(portal.screen.id == "mfa.choose")
        #expect(portal.screen.title == "Keep Your Account Safe")
        let uri = try portal.enrollTOTP()
        #expect(uri.hasPrefix("otpauth://totp/Northwind:alice%40example.com?"))
        #expect(portal.screen.id == "recovery.show")
        let code = try #require(portal.codeBlock)
        #expect(code.count == 29)
        try portal.press("Continue")
        #expect(portal.screen.id == "recovery.show", "Continue is gated by the checkbox")
        #expect(portal.messages == ["Tick \"I have safely recorded this code\" first."])
        try portal.acceptRecoveryCode()
        #expect(portal.screen.id == "home")
        #expect(portal.text.contains("My Profile"))
        #expect(portal.text.contains("Welcome, Alice Example"))

        let account = try portal.account("alice@example.com")
        #expect(account.activeFactors.map(\.kind) == [.totp])
        #expect(account.preferredFactorID == account.activeFactors.first?.id)
        let hash = try #require(account.recoveryCodeHash)
        #expect(SecretHash.verify(try RecoveryCode(parsing: code).normalized, against: hash))
        #expect(!hash.contains(try RecoveryCode(parsing: code).normalized))
        let events = try portal.store.auditLog().map(\.event)
        #expect(events.contains("account.created"))
        #expect(events.contains("mfa.enrolled"))
        let mail = try portal.store.list(MailMessage.self).filter { $0.to == "alice@example.com" }
        #expect(mail.count == 1)
    }
}

extension EnrollmentSessionTests {
    @Test func smsEnrollmentWithCountryPickerCodeAndResendCooldown() throws {
        let portal = try Harness()
        try portal.signUp()
        try portal.press("SMS")
        #expect(portal.screen.id == "enroll.sms.number")
        // Type-ahead in the picker: focus it, type "gb", pick the highlighted entry.
        portal.session.dispatch(.focus("country"))
        for character in "gb" { portal.session.send(.character(character)) }
        guard case .list(let list)? = portal.screen.elements.first(where: { $0.focusID == "country" }) else {
            Issue.record("no country list")
            return
        }
        #expect(list.items.map(\.id) == ["GB"])
        portal.session.send(.enter)
        #expect(portal.screen.focus == "number")
        try portal.fill("Mobile number", "07700 900123")
        try portal.press("Continue")
        #expect(portal.screen.id == "enroll.sms.code")
        let first = try #require(try portal.latestSMSCode(to: "+447700900123"))
        let sms = try #require(try portal.store.list(SMSMessage.self).first)
        #expect(sms.body == "Your verification code is \(first). It expires in 15 minutes.")

        // Resend is disabled for 30 s.
        try portal.press("Resend")
        #expect(try portal.store.list(SMSMessage.self).count == 1)
        #expect(portal.text.contains("You can ask for a new code in 30 s."))
        portal.clock.advance(by: 30)
        try portal.press("Resend")
        #expect(try portal.store.list(SMSMessage.self).count == 2)
        let second = try #require(try portal.latestSMSCode(to: "+447700900123"))
        if first != second {
            try portal.fill("Code", first)
            try portal.press("Continue")
            #expect(portal.screen.id == "enroll.sms.code", "a replaced code no longer works")
        }
        try portal.fill("Code", second)
        try portal.press("Continue")
        #expect(portal.screen.id == "recovery.show")
        let account = try portal.account("alice@example.com")
        #expect(account.activeFactors.map(\.phoneNumber) == ["+447700900123"])
        #expect(account.pendingChallenge == nil)
    }

    @Test func pushEnrollmentWaitsForThePhone() throws {
        let portal = try Harness()
        try portal.signUp()
        try portal.press("Push notification")
        #expect(portal.screen.id == "enroll.push.install")
        #expect(portal.text.contains("<Try another method>"))
        try portal.press("Continue")
        #expect(portal.screen.id == "enroll.push.qr")
        #expect(portal.screen.wantsPolling)
        let uri = try PushEnrollmentURI.parse(try #require(portal.qrPayload))
        let request = try #require(try portal.store.read(PushRequest.self, key: uri.enrollmentTransactionID))
        #expect(request.kind == .enrollment)
        #expect(request.status == .pending)
        // The compact QR leaves the device account id with the transaction.
        #expect(uri.deviceAccountID.isEmpty)
        let account = try #require(try portal.store.read(Account.self, key: request.account))
        #expect(account.factors.contains { $0.id == request.factorID && $0.kind == .push && $0.state == .pending })

        portal.session.poll()
        #expect(portal.screen.id == "enroll.push.qr")
        // The phone scans and approves.
        try portal.store.update(PushRequest.self, key: uri.enrollmentTransactionID) { record in
            record?.status = .approved
            record?.pushDeviceID = "phone-1"
            record?.pushDeviceName = "Pixel"
            record?.respondedAt = portal.clock.now()
        }
        portal.session.poll()
        #expect(portal.screen.id == "recovery.show")
        let factor = try #require(try portal.account("alice@example.com").activeFactors.first)
        #expect(factor.kind == .push)
        #expect(factor.pushDeviceName == "Pixel")
        #expect(factor.totpSecret == Base32.encode(uri.secret))
    }

    @Test func cantScanShowsTheKeyInGroupsAndTheParameters() throws {
        let portal = try Harness()
        try portal.signUp()
        try portal.press("Authenticator app")
        #expect(portal.codeBlock == nil)
        try portal.press("Can't scan?")
        let uri = try OTPAuthURI.parse(try #require(portal.qrPayload))
        #expect(portal.codeBlock == Base32.grouped(Base32.encode(uri.secret)))
        #expect(portal.text.contains("SHA1 · 6 digits · every 30 s"))
        try portal.press("Hide the key")
        #expect(portal.codeBlock == nil)
    }

    @Test func enrollmentIsMandatory() throws {
        let portal = try Harness()
        try portal.signUp()
        portal.session.send(.escape)
        #expect(portal.screen.id == "mfa.choose")
        try portal.press("Log out")
        #expect(portal.screen.id == "login")
        try portal.logIn()
        #expect(portal.screen.id == "verify.mail", "a password alone never reaches enrollment")
        portal.session.send(.escape)
        #expect(portal.screen.id == "verify.mail", "and the mailbox proof cannot be skipped")
        try portal.proveMailbox()
        #expect(portal.screen.id == "mfa.choose", "no usable MFA: enrollment again")
    }
}
