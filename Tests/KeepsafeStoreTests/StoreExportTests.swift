import Foundation
import KeepsafeStore
import Testing

/// A record like the simulated phone's: its otpauth URI carries a TOTP secret.
private struct PhoneEntry: StoreRecord {
    static let collection = "phone/accounts"
    static let currentSchemaVersion = 1
    var schemaVersion = 1
    var label: String
    var uri: String
    var note: String
    var key: String { label }
}

@Suite("store export")
struct StoreExportTests {
    @Test("secrets are redacted everywhere, the rest is kept")
    func redaction() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Company(id: "acme", name: "Acme", createdAt: Fixtures.instant))
        var account = Fixtures.account()
        account.recoveryCodeHash = "RECOVERYHASH"
        account.pendingChallenge = CodeChallenge(
            id: "c1", factorID: "f1", codeHash: "CODEHASH", issuedAt: Fixtures.instant,
            expiresAt: Fixtures.instant)
        try store.create(account)
        try store.create(
            SMSMessage(
                id: "m1", to: "+15551234567",
                body: "Your verification code is 654321. It expires in 15 minutes.",
                sentAt: Fixtures.instant, deliverAt: Fixtures.instant))
        try store.create(
            PhoneEntry(
                label: "Portal:alice@example.com", uri: "otpauth://totp/Portal:alice?secret=PHONESECRETAAAAA",
                note: "copied otpauth://totp/x?secret=NOTESECRETBBBBBB"))
        let data = try StoreExport(store: store).document()
        let text = String(decoding: data, as: UTF8.self)
        for secret in [
            "JBSWY3DPEHPK3PXP", "$pbkdf2", "RECOVERYHASH", "CODEHASH", "654321", "PHONESECRET", "NOTESECRET",
        ] {
            #expect(!text.contains(secret), "\(secret) exported")
        }
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sms = try #require((object["outbox"] as? [String: Any])?["sms"] as? [[String: Any]])
        #expect(
            sms.first?["body"] as? String == "Your verification code is [redacted]. It expires in 15 minutes."
        )
        #expect(sms.first?["to"] as? String == "+15551234567")
        let phone = try #require((object["phone"] as? [String: Any])?["accounts"] as? [[String: Any]])
        #expect(phone.first?["label"] as? String == "Portal:alice@example.com")
        let accounts = try #require(object["accounts"] as? [[String: Any]])
        #expect(accounts.first?["displayName"] as? String == "Alice Example")
        #expect((object["companies"] as? [Any])?.count == 1)
    }
}
