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
