import Foundation
import TestSupport
import Testing

@testable import KeepsafeStore

@Suite("FileStore: corruption, versions, crashes left behind, permissions")
struct FileStoreSafetyTests {
    @Test(
        "a truncated or garbage document is an error naming the file, and stays byte for byte",
        arguments: ["truncated", "garbage", "empty", "wrong type"])
    func corruptDocument(kind: String) throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Fixtures.account())
        try store.create(Fixtures.account("bob@example.com"))
        let name = "accounts/alice@example.com.json"
        let good = try fixture.bytes(name)
        let bad: Data
        switch kind {
        case "truncated": bad = good.prefix(good.count / 2)
        case "garbage": bad = Data([0xFF, 0x00, 0x7B, 0x13, 0x37])
        case "empty": bad = Data()
        default: bad = Data(#"{"schemaVersion": 1, "email": 42}"#.utf8)
        }
        try bad.write(to: URL(fileURLWithPath: fixture.file(name)))

        let error = try #require(throws: StoreError.self) {
            try store.read(Account.self, key: "alice@example.com")
        }
        guard case .corrupt(let file, let reason) = error else {
            Issue.record("expected .corrupt, got \(error)")
            return
        }
        #expect(file == fixture.file(name))
        #expect(!reason.isEmpty)
        #expect(error.description.hasPrefix(fixture.file(name) + ": "))
        #expect(throws: StoreError.self) {
            try store.update(Account.self, key: "alice@example.com") { $0 = Fixtures.account() }
        }
        #expect(throws: StoreError.self) { try store.create(Fixtures.account()) }
        #expect(throws: StoreError.self) { try store.list(Account.self) }
        // Nothing was moved or overwritten, and the other records still work.
        #expect(try fixture.bytes(name) == bad)
        try store.update(Account.self, key: "bob@example.com") { $0?.failedLogins = 2 }
        #expect(try store.read(Account.self, key: "bob@example.com")?.failedLogins == 2)
        #expect(try fixture.open().keys(of: Account.self).count == 2)
    }

    @Test("a document from a newer keepsafe is refused with both versions named")
    func futureVersion() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Fixtures.account())
        let name = "accounts/alice@example.com.json"
        var object = try #require(
            try JSONSerialization.jsonObject(with: fixture.bytes(name)) as? [String: Any])
        object["schemaVersion"] = 7
        let future = try JSONSerialization.data(withJSONObject: object)
        try future.write(to: URL(fileURLWithPath: fixture.file(name)))
        #expect(throws: StoreError.unsupportedVersion(file: fixture.file(name), found: 7, supported: 1)) {
            try store.read(Account.self, key: "alice@example.com")
        }
        #expect(throws: StoreError.self) {
            try store.update(Account.self, key: "alice@example.com") { $0 = nil }
        }
        #expect(try fixture.bytes(name) == future)
    }

    @Test("a store from a newer keepsafe is refused")
    func futureStore() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        _ = try fixture.open()
        try fixture.write("VERSION", "\(FileStore.formatVersion + 1)\n")
        #expect(
            throws: StoreError.unsupportedVersion(
                file: fixture.file("VERSION"), found: FileStore.formatVersion + 1,
                supported: FileStore.formatVersion)
        ) {
            try fixture.open()
        }
    }

    @Test("a version 0 account (no schemaVersion, no counters) is migrated on read")
    func migration() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try FileManager.default.createDirectory(
            atPath: fixture.file("accounts"), withIntermediateDirectories: true)
        let v0 = """
            {"email": "old@example.com", "displayName": "Old Timer", "company": "acme",
             "passwordHash": "$pbkdf2-sha256$i=1000$c2FsdA$aGFzaA", "createdAt": "2024-01-02T03:04:05Z"}
            """
        try fixture.write("accounts/old@example.com.json", v0)
        let account = try #require(try store.read(Account.self, key: "old@example.com"))
        #expect(account.schemaVersion == 1)
        #expect(account.displayName == "Old Timer")
        #expect(account.factors.isEmpty && account.failedLogins == 0 && !account.mfaRequiredAtNextLogin)
        #expect(account.createdAt == Date(timeIntervalSince1970: 1_704_164_645))
        // Reading does not rewrite; the next change writes version 1.
        #expect(try String(decoding: fixture.bytes("accounts/old@example.com.json"), as: UTF8.self) == v0)
        try store.update(Account.self, key: "old@example.com") { $0?.failedLogins = 1 }
        let rewritten = try fixture.bytes("accounts/old@example.com.json")
        let object = try #require(try JSONSerialization.jsonObject(with: rewritten) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
    }

    @Test("temp files a crashed commit left in .tmp are removed on open, unless a transaction is running")
    func staleTemps() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Fixtures.account())
        try fixture.write(".tmp/1a2b", "{\"half")
        // While a transaction holds the store, a new opener must leave the temp alone:
        // it may be the live writer's.
        let held = try LockFile(path: store.lockPath)
        _ = try fixture.open()
        #expect(fixture.allFiles().contains(".tmp/1a2b"))
        _ = consume held
        // A child forked meanwhile may share the lock's open file description until it
        // execs (close-on-exec), so wait until the lock is really free.
        var removed = false
        for _ in 0..<50 where !removed {
            _ = try fixture.open()
            removed = !fixture.allFiles().contains(".tmp/1a2b")
            if !removed { usleep(100_000) }
        }
        #expect(removed)
        #expect(try store.read(Account.self, key: "alice@example.com") != nil)
    }

    @Test("a format 1 store is upgraded in place: its stray .tmp.* files go, a journal comes, VERSION says 2")
    func upgradeFromFormat1() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Fixtures.account())
        try FileManager.default.removeItem(atPath: fixture.file("journal"))
        try FileManager.default.removeItem(atPath: fixture.file(".tmp"))
        try fixture.write("VERSION", "1\n")
        try fixture.write("accounts/.tmp.alice@example.com.json.1a2b", "{\"half")
        try fixture.write(".tmp.policy.json.5e6f", "{")
        let upgraded = try fixture.open()
        let files = fixture.allFiles()
        #expect(!files.contains("accounts/.tmp.alice@example.com.json.1a2b"))
        #expect(!files.contains(".tmp.policy.json.5e6f"))
        #expect(files.contains("journal"))
        #expect(String(decoding: try fixture.bytes("VERSION"), as: UTF8.self) == "2\n")
        try upgraded.update(Account.self, key: "alice@example.com") { $0?.failedLogins = 3 }
        #expect(try fixture.open().read(Account.self, key: "alice@example.com")?.failedLogins == 3)
    }

    @Test(
        "directories are 0700 and files 0600 under a lax umask",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/sh")), arguments: ["022", "000"])
    func permissions(umask: String) throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let result = try Subprocess.run(
            "/bin/sh", ["-c", "umask \(umask) && exec \"$0\" populate \"$1\"", Torture.path, fixture.path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = fixture.allFiles()
        #expect(files.count >= 10)
        for file in files { #expect(try fixture.mode(file) == 0o600, "\(file)") }
        for directory in fixture.allDirectories() {
            #expect(try fixture.mode(directory) == 0o700, "\(directory)/")
        }
    }

    @Test(
        "no plaintext secret reaches any file; the TOTP secret only the account's, and the journal's until a checkpoint"
    )
    func noPlaintextSecrets() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        // What the flow hands the store: hashes of these, never these.
        let password = "correct horse battery staple"
        let recoveryCode = "K7PQ-M2XW-9RTB-4HJN-C8VD-3FGL"
        let deviceToken = "b7f0e2c4d9a1436e8f5b2c7d1e0a9f38"
        var account = Fixtures.account()
        account.passwordHash = "$pbkdf2-sha256$i=1000$c2FsdHNhbHQ$" + String(repeating: "Zm9v", count: 8)
        account.recoveryCodeHash = "$sha256$" + String(repeating: "ab", count: 32)
        account.trustedDevices[0].tokenHash = "$sha256$" + String(repeating: "cd", count: 32)
        try store.create(account)
        try store.update(Account.self, key: account.key) { $0?.failedLogins = 1 }
        try store.appendAudit(
            AuditEntry(time: Fixtures.instant, event: "recovery.regenerated", account: account.key))
        var secretHolders: Set<String> = []
        for file in fixture.allFiles() {
            let bytes = try fixture.bytes(file)
            for secret in [
                password, recoveryCode, deviceToken, recoveryCode.replacingOccurrences(of: "-", with: ""),
            ] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) in \(file)")
            }
            if bytes.range(of: Data("JBSWY3DPEHPK3PXP".utf8)) != nil { secretHolders.insert(file) }
        }
        #expect(secretHolders == ["accounts/alice@example.com.json", "journal"])
        // The factor goes; the next open (idle) checkpoints, and no copy of the secret stays.
        try store.update(Account.self, key: account.key) { $0?.factors = [] }
        _ = try fixture.open()
        for file in fixture.allFiles() {
            #expect(try fixture.bytes(file).range(of: Data("JBSWY3DPEHPK3PXP".utf8)) == nil, "\(file)")
        }
    }
}

@Suite("FileStore: policy file")
struct PolicyFileTests {
    @Test("policy.json may hold only what differs from the defaults")
    func partialPolicy() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try fixture.write(
            "policy.json",
            #"{"schemaVersion": 1, "password": {"iterations": 1234}, "sms": {"lossRate": 0.25}}"#)
        var expected = Policy()
        expected.password.iterations = 1234
        expected.sms.lossRate = 0.25
        #expect(try store.policy() == expected)
        try fixture.write("policy.json", #"{"password": {"iterations": "many"}}"#)
        #expect(throws: StoreError.self) { try store.policy() }
        try fixture.write("policy.json", #"{"schemaVersion": 2}"#)
        #expect(
            throws: StoreError.unsupportedVersion(file: fixture.file("policy.json"), found: 2, supported: 1)
        ) {
            try store.policy()
        }
    }

    @Test("a folder made beforehand with loose permissions is tightened when it becomes a store")
    func adoptedFolder() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(
            atPath: fixture.path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        _ = try fixture.open()
        #expect(try fixture.mode("") == 0o700)
    }
}
