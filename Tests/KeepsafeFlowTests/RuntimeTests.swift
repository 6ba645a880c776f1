import Foundation
import KeepsafeStore
import OneTimePassword
import TestSupport
import Testing

@testable import KeepsafeFlow

/// The runtime's edges: files it writes, the keyring, the simulated SMS network, F9
/// notifications and audit lines, and what is never stored in plain text.
@Suite struct RuntimeTests {
    @Test func saveToFileWritesTheCodeReadableByTheOwnerOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let portal = try Harness()
        try portal.signUp()
        try portal.enrollTOTP()
        let code = try #require(portal.codeBlock)
        let path = directory.file("recovery.txt")
        try portal.fill("File", path)
        try portal.press("Save to file")
        #expect(portal.messages == ["Saved to \(path)."])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == code + "\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        try portal.fill("File", directory.file("missing/dir/file.txt"))
        try portal.press("Save to file")
        #expect(portal.messages.first?.hasPrefix("Could not save the code:") == true)
    }

    /// Issue 13: "Save to file" silently replaced another account's saved code.
    @Test func saveToFileNeverReplacesAFileUnasked() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("keepsafe-recovery-code.txt")
        try "BOB'S CODE\n".write(toFile: path, atomically: true, encoding: .utf8)
        let portal = try Harness()
        try portal.signUp()
        try portal.enrollTOTP()
        let code = try #require(portal.codeBlock)
        try portal.fill("File", path)
        try portal.press("Save to file")
        #expect(
            portal.messages == [
                "\(path) already exists. Choose Replace the file to overwrite it, or type another name."
            ])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "BOB'S CODE\n")
        // Another name in between: the earlier answer does not confirm it.
        let other = directory.file("other.txt")
        try portal.fill("File", other)
        try portal.press("Save to file")
        #expect(portal.messages == ["Saved to \(other)."])
        try portal.fill("File", path)
        try portal.press("Save to file")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "BOB'S CODE\n")
        try portal.press("Replace the file")
        #expect(portal.messages == ["Saved to \(path)."])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == code + "\n")
        // The default is in the home folder, shown with its tilde.
        let fresh = try Harness()
        try fresh.signUp("carol@example.com")
        try fresh.enrollTOTP()
        #expect(fresh.screen.elements.contains { element in
            if case .field(let field) = element { field.id == "path" && field.value == "~/keepsafe-recovery-code.txt" } else { false }
        })
    }

    @Test func copyAsksTheTerminalForTheClipboard() throws {
        let portal = try Harness()
        try portal.signUp()
        try portal.enrollTOTP()
        let code = try #require(portal.codeBlock)
        try portal.press("Copy")
        #expect(portal.session.takeTerminalRequests() == [.copyToClipboard(code)])
        #expect(portal.session.takeTerminalRequests().isEmpty)
    }

    @Test func theFileKeyringKeepsItsIDAndTokensPrivately() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("state/keepsafe/device.json")
        let first = try FileKeyring(path: path)
        first.setTrustToken("tok", store: "/s", account: "a@b.c")
        let second = try FileKeyring(path: path)
        #expect(second.deviceID == first.deviceID)
        #expect(second.deviceID.count == 32)
        #expect(second.trustToken(store: "/s", account: "a@b.c") == "tok")
        #expect(second.trustToken(store: "/other", account: "a@b.c") == nil)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(
            FileKeyring.defaultPath(environment: ["XDG_STATE_HOME": "/x", "HOME": "/h"])
                == "/x/keepsafe/device.json")
        #expect(
            FileKeyring.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/keepsafe/device.json")
        try Data("not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: AssetError.self) { try FileKeyring(path: path) }
    }

    @Test func theSimulatedNetworkDelaysAndLosesMessagesPerPolicy() throws {
        var policy = Policy.testing()
        policy.sms.deliveryDelaySeconds = 20
        policy.sms.lossRate = 1
        let portal = try Harness(policy: policy)
        try portal.signUp()
        try portal.press("SMS")
        portal.chooseCountry("gb")
        try portal.fill("Mobile number", "7700900123")
        try portal.press("Continue")
        let message = try #require(try portal.store.list(SMSMessage.self).first)
        #expect(message.deliverAt == portal.clock.now().addingTimeInterval(20))
        #expect(message.lost)
    }

    @Test func secretsAreNeverStoredInPlainText() throws {
        let portal = try Harness()
        try portal.signUp(password: "a very private phrase")
        try portal.press("SMS")
        portal.chooseCountry("gb")
        try portal.fill("Mobile number", "7700900123")
        try portal.press("Continue")
        let smsCode = try #require(try portal.latestSMSCode(to: "+447700900123"))
        try portal.fill("Code", smsCode)
        try portal.press("Continue")
        let recovery = try RecoveryCode(parsing: try #require(portal.codeBlock))
        let account = try portal.account("alice@example.com")
        let document = String(decoding: try JSONEncoder().encode(account), as: UTF8.self)
        for secret in ["a very private phrase", smsCode, recovery.normalized, recovery.grouped] {
            #expect(!document.contains(secret), "\(secret) is in the account record")
        }
        #expect(account.passwordHash.hasPrefix("$pbkdf2-sha256$"))
    }

    @Test func securityEventsWriteAMailAndAnAuditLine() throws {
        let portal = try Harness()
        let (uri, recovery) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        try portal.logIn()
        try portal.press("Try another method")
        try portal.press("Recovery code")
        try portal.fill("Recovery code", recovery)
        try portal.toggle("Remember this device for 30 days")
        try portal.press("Continue")
        try portal.acceptRecoveryCode()
        try portal.openTwoFactorPage()
        try portal.press("Regenerate recovery code")
        try portal.press("Make a new recovery code")
        try portal.acceptRecoveryCode()
        try portal.press("Disable MFA")
        try portal.press("Disable MFA")
        portal.clock.advance(by: 30)
        try portal.fill("Code", try portal.totpCode(uri))
        try portal.press("Continue")
        let events = try portal.store.auditLog().map(\.event)
        for event in [
            "account.created", "mfa.enrolled", "recovery.used", "device.trusted", "recovery.regenerated",
            "mfa.disabled", "login.succeeded", "mfa.stepUp",
        ] {
            #expect(events.contains(event), "\(event)")
        }
        let subjects = try portal.store.list(MailMessage.self).filter { $0.to == "alice@example.com" }.map(
            \.subject)
        #expect(
            Set(subjects) == [
                "A second factor was added to your account", "Your recovery code was used",
                "A device was remembered", "New sign-in to your account",
                "Your recovery code was replaced", "Two-factor authentication was turned off",
            ])
    }

    @Test func aBrandFileOverridesTheBundledOne() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var brand = Brand.bundled
        brand.portalName = "Contoso Hub"
        brand.issuer = "Contoso"
        let path = directory.file("brand.json")
        try JSONEncoder().encode(brand).write(to: URL(fileURLWithPath: path))
        #expect(try Brand(contentsOf: path) == brand)
        brand.issuer = "Bad:Issuer"
        try JSONEncoder().encode(brand).write(to: URL(fileURLWithPath: path))
        #expect(throws: AssetError.malformed(path: path, reason: "issuer must not contain ':'")) {
            try Brand(contentsOf: path)
        }
        #expect(throws: AssetError.unreadable(path: directory.file("none.json"))) {
            try Brand(contentsOf: directory.file("none.json"))
        }
    }
}

extension RuntimeTests {
    @Test func theStandardEnvironmentTakesTheBrandFromTheFlagThenTheStore() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyring = directory.file("state/device.json")
        let bundled = try PortalEnvironment.standard(
            storePath: directory.path, deviceName: "demo", keyringPath: keyring)
        #expect(bundled.brand == .bundled)
        #expect(bundled.deviceName == "demo")
        #expect(bundled.storeIdentity == (directory.path as NSString).standardizingPath)

        var storeBrand = Brand.bundled
        storeBrand.portalName = "Store Portal"
        try JSONEncoder().encode(storeBrand).write(to: URL(fileURLWithPath: directory.file("brand.json")))
        #expect(
            try PortalEnvironment.standard(storePath: directory.path, keyringPath: keyring).brand
                == storeBrand)

        var flagBrand = Brand.bundled
        flagBrand.portalName = "Flag Portal"
        try JSONEncoder().encode(flagBrand).write(to: URL(fileURLWithPath: directory.file("flag.json")))
        let flagged = try PortalEnvironment.standard(
            storePath: directory.path, brandFile: directory.file("flag.json"), keyringPath: keyring)
        #expect(flagged.brand == flagBrand)
        #expect(flagged.deviceName == PortalEnvironment.hostName)
    }
}

extension RuntimeTests {
    @Test func controlsAreFoundByLabelOrTheCallSaysWhatIsMissing() throws {
        let portal = try Harness()
        #expect(throws: PortalSessionError.noControl(kind: "field", label: "Nope", screen: "login")) {
            try portal.fill("Nope", "x")
        }
        #expect(throws: PortalSessionError.noControl(kind: "checkbox", label: "Email", screen: "login")) {
            try portal.toggle("Email")
        }
        #expect(throws: PortalSessionError.self) { try portal.press("Email") }
        #expect(
            PortalSessionError.noControl(kind: "field", label: "Nope", screen: "login").description
                == "no field labelled \"Nope\" on screen login")
        // Labels match case-insensitively; fill replaces what was there.
        try portal.fill("email", "first@example.com")
        try portal.fill("EMAIL", "second@example.com")
        guard case .field(let email)? = portal.screen.elements.first(where: { $0.focusID == "email" }) else {
            Issue.record("no email field")
            return
        }
        #expect(email.value == "second@example.com")
        #expect(email.cursor == email.value.count)
    }

    @Test func stringsFormatAndOverride() {
        let strings = Strings(table: ["a": "Hello {name}, {name}!", "b": "B"])
        #expect(strings.format("a", ["name": "Zoë"]) == "Hello Zoë, Zoë!")
        #expect(strings["missing"] == "⟦missing⟧")
        let merged = strings.merging(Strings(table: ["b": "Bee"]))
        #expect(merged["b"] == "Bee")
        #expect(merged["a"] == strings["a"])
    }
}

extension RuntimeTests {
    /// A session past the password but not the second factor: the runtime itself refuses
    /// what only a signed-in user may do, whatever the front end sends.
    @Test func aPasswordAloneReachesNothingBehindTheSecondFactor() throws {
        let portal = try Harness()
        _ = try ChallengeSessionTests.enrolledWithTOTP(portal)
        let runner = EffectRunner(
            store: portal.store,
            environment: PortalEnvironment(clock: portal.clock, deviceName: "x", keyring: InMemoryKeyring()),
            policy: .testing())
        guard
            case .loggedIn(_, .challenge)? = runner.perform(
                .logIn(email: "alice@example.com", password: "correct horse battery"))
        else {
            Issue.record("expected a challenge")
            return
        }
        for effect: Effect in [
            .sendInvite(email: "mallory@example.com"), .confirmPassword("correct horse battery"),
            .dismissAnnouncement,
            .beginEnrollment(.totp), .sendEnrollmentSMS(number: "+447700900123", purpose: .initial),
        ] {
            #expect(runner.perform(effect) == .failed("not signed in; log in again"), "\(effect)")
        }
        let account = try portal.account("alice@example.com")
        #expect(account.factors.count == 1)
        #expect(try portal.store.read(Invitation.self, key: "mallory@example.com") == nil)
    }
}
