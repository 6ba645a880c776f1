import Foundation
import KeepsafeStore
import Testing

/// A record kept by the simulated phone, in a folder of its own below `phone/`.
private struct PhoneNote: StoreRecord {
    static let collection = "phone/notes"
    static let currentSchemaVersion = 1
    var schemaVersion = 1
    var id: String
    var text: String
    var key: String { id }
}

@Suite("FileStore: records")
struct FileStoreTests {
    @Test("a missing store is created with VERSION, the given policy and its folders")
    func createsStore() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        #expect(try String(decoding: fixture.bytes("VERSION"), as: UTF8.self) == "2\n")
        #expect(fixture.allFiles().contains("journal"))
        #expect(try store.policy() == .testing())
        #expect(try FileStore(path: fixture.path).policy() == .testing())
    }

    @Test("without createIfMissing a missing store is an error naming it")
    func missingStore() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        #expect(throws: StoreError.noStore(path: fixture.path)) {
            try FileStore(path: fixture.path, createIfMissing: false)
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.path))
    }

    @Test("a directory holding other files is not adopted as a store")
    func strangerDirectory() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(atPath: fixture.path, withIntermediateDirectories: false)
        try fixture.write("notes.txt", "mine")
        #expect(throws: StoreError.self) { try fixture.open() }
        #expect(fixture.allFiles() == ["notes.txt"])
    }

    @Test("records round-trip through their own document, one file per record")
    func roundTrip() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let account = Fixtures.account()
        try store.create(account)
        #expect(try store.read(Account.self, key: account.key) == account)
        #expect(try fixture.open().read(Account.self, key: account.key) == account)
        #expect(fixture.allFiles().contains("accounts/alice@example.com.json"))
        let note = PhoneNote(id: "n/1", text: "scan me")
        try store.save(note)
        #expect(try store.list(PhoneNote.self) == [note])
        #expect(fixture.allFiles().contains("phone/notes/n%2F1.json"))
    }

    @Test("create succeeds once per key")
    func createOnce() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Fixtures.account())
        var second = Fixtures.account()
        second.displayName = "Impostor"
        #expect(throws: StoreError.alreadyExists(collection: "accounts", key: "alice@example.com")) {
            try store.create(second)
        }
        #expect(try store.read(Account.self, key: "alice@example.com")?.displayName == "Alice Example")
    }

    @Test("update changes, creates and deletes; a throwing body writes nothing")
    func updateLifecycle() throws {
        struct Abort: Error {}
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.update(Account.self, key: "alice@example.com") { $0 = Fixtures.account() }
        let bumped = try store.update(Account.self, key: "alice@example.com") { account -> Int in
            account?.failedLogins += 1
            return account?.failedLogins ?? -1
        }
        #expect(bumped == 1)
        let before = try fixture.bytes("accounts/alice@example.com.json")
        #expect(throws: Abort.self) {
            try store.update(Account.self, key: "alice@example.com") { account in
                account?.failedLogins = 99
                throw Abort()
            }
        }
        #expect(try fixture.bytes("accounts/alice@example.com.json") == before)
        try store.delete(Account.self, key: "alice@example.com")
        #expect(try store.read(Account.self, key: "alice@example.com") == nil)
        #expect(!fixture.allFiles().contains("accounts/alice@example.com.json"))
    }

    @Test("a transaction opened inside a transaction of the same thread is refused instead of deadlocking")
    func nested() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Fixtures.account())
        try store.transaction { tx in
            try tx.update(Account.self, key: "alice@example.com") { $0?.lockouts = 3 }
            #expect(throws: StoreError.nestedTransaction(store: fixture.path)) {
                try store.update(Account.self, key: "alice@example.com") { $0?.lockouts = 4 }
            }
            #expect(throws: StoreError.nestedTransaction(store: fixture.path)) {
                try store.read(Company.self, key: "acme")
            }
            // Inside, the transaction itself reads its own change and writes another record.
            #expect(try tx.read(Account.self, key: "alice@example.com")?.lockouts == 3)
            try tx.save(Company(id: "acme", name: "Acme", createdAt: Fixtures.instant))
        }
        #expect(try store.read(Account.self, key: "alice@example.com")?.lockouts == 3)
        #expect(try store.read(Company.self, key: "acme")?.name == "Acme")
    }

    @Test("keys and list decode file names and ignore temp and stray files")
    func listing() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let emails = ["zoë@example.com", "a/b@example.com", "Bob@example.com", "100%@example.com"]
        for email in emails { try store.create(Fixtures.account(email)) }
        try fixture.write("accounts/README.txt", "not a record")
        try fixture.write("accounts/.tmp.x.json.1234", "{")
        #expect(try store.keys(of: Account.self) == emails.sorted())
        #expect(try store.list(Account.self).map(\.email) == emails.sorted())
        var seen: [String] = []
        try store.forEach(Account.self) { seen.append($0.email) }
        #expect(seen == emails.sorted())
    }

    @Test("threads of one process exclude each other like processes do")
    func threads() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Fixtures.account())
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<25 {
                        try? store.update(Account.self, key: "alice@example.com") { $0?.failedLogins += 1 }
                    }
                }
            }
        }
        #expect(try store.read(Account.self, key: "alice@example.com")?.failedLogins == 100)
    }

    @Test("the audit log is JSON lines, appended in order")
    func audit() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let entries = (0..<3).map {
            AuditEntry(
                time: Fixtures.instant, event: "mfa.enrolled", account: "a@example.com",
                detail: ["n": "\($0)\n"])
        }
        for entry in entries { try store.appendAudit(entry) }
        #expect(try store.auditLog() == entries)
        let lines = try String(decoding: fixture.bytes("audit.log"), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
    }

    @Test("the default location follows --store, KEEPSAFE_STORE, XDG_DATA_HOME, HOME")
    func defaultPath() {
        #expect(
            FileStore.defaultPath(environment: ["KEEPSAFE_STORE": "/s", "XDG_DATA_HOME": "/x", "HOME": "/h"])
                == "/s")
        #expect(FileStore.defaultPath(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/keepsafe")
        #expect(
            FileStore.defaultPath(environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"])
                == "/h/.local/share/keepsafe")
        #expect(
            FileStore.defaultPath(environment: ["KEEPSAFE_STORE": "", "HOME": "/h"])
                == "/h/.local/share/keepsafe")
    }
}
