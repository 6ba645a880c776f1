import Foundation
import KeepsafePostgres
import KeepsafeStore
import TestSupport
import Testing

/// The same expectations run against every store: the in-memory one must behave as the
/// file store does, or the flow's unit tests would prove nothing about the real thing,
/// and the PostgreSQL engine must keep the same promises on a server
/// (`KEEPSAFE_TEST_POSTGRES`; without it its cases are left out, and the test below says
/// so, or fails under `KEEPSAFE_REQUIRE_INTEROP=1`).
@Suite("DocumentStore conformance: memory, file and PostgreSQL")
struct ConformanceTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case memory, file, postgres
        var testDescription: String { rawValue }

        /// The kinds this run can test: PostgreSQL only with a server (or when required,
        /// so that its absence fails).
        static var testable: [Kind] { TestPostgres.shouldRun ? allCases : [.memory, .file] }
    }

    @Test(
        "a PostgreSQL server is there for the conformance suite",
        .enabled(if: TestPostgres.shouldRun, Comment(rawValue: TestPostgres.skipReason)))
    func serverAvailable() throws {
        let url = try TestPostgres.freshStoreURL("probe")
        let store = try PostgresStore(url: url, initialPolicy: .testing())
        #expect(try store.policy() == .testing())
    }

    /// A store of `kind`, and a clean-up to call when done.
    private func make(_ kind: Kind) throws -> (any DocumentStore, () -> Void) {
        switch kind {
        case .memory:
            return (InMemoryStore(policy: .testing()), {})
        case .file:
            let fixture = try StoreFixture()
            return (try fixture.open(), { fixture.remove() })
        case .postgres:
            return (try PostgresStore(url: try TestPostgres.freshStoreURL("conf"), initialPolicy: .testing()), {})
        }
    }

    @Test("the whole record life cycle", arguments: Kind.testable)
    func lifeCycle(kind: Kind) throws {
        let (store, cleanUp) = try make(kind)
        defer { cleanUp() }
        #expect(try store.policy() == .testing())
        let emails = ["b@example.com", "a/x@example.com", "c%d@example.com"]
        for email in emails { try store.create(Fixtures.account(email)) }
        #expect(throws: StoreError.alreadyExists(collection: "accounts", key: "b@example.com")) {
            try store.create(Fixtures.account("b@example.com"))
        }
        #expect(try store.keys(of: Account.self) == emails.sorted())
        #expect(try store.list(Account.self) == emails.sorted().map { Fixtures.account($0) })
        let count = try store.update(Account.self, key: "b@example.com") { account -> Int in
            account?.failedLogins += 2
            return account?.failedLogins ?? 0
        }
        #expect(count == 2)
        #expect(
            throws: StoreError.keyMismatch(
                collection: "accounts", expected: "b@example.com", found: "z@example.com")
        ) {
            try store.update(Account.self, key: "b@example.com") { $0?.email = "z@example.com" }
        }
        try store.update(Account.self, key: "b@example.com") { outer in
            #expect(throws: StoreError.nestedTransaction(store: store.location)) {
                try store.create(Fixtures.account("b@example.com"))
            }
            outer?.lockouts = 1
        }
        #expect(try store.read(Account.self, key: "b@example.com")?.lockouts == 1)
        try store.delete(Account.self, key: "b@example.com")
        #expect(try store.read(Account.self, key: "b@example.com") == nil)
        #expect(throws: StoreError.invalidKey("..")) { try store.create(Fixtures.account("..")) }
        var policy = Policy.testing()
        policy.push.numberMatching = true
        try store.writePolicy(policy)
        #expect(try store.policy() == policy)
        let entry = AuditEntry(
            time: Fixtures.instant, event: "invite.sent", account: "a@example.com", detail: ["to": "x"])
        try store.appendAudit(entry)
        #expect(try store.auditLog() == [entry])
    }

    @Test(
        "a transaction commits all its documents and audit lines, or none when its body throws",
        arguments: Kind.testable)
    func allOrNothing(kind: Kind) throws {
        let (store, cleanUp) = try make(kind)
        defer { cleanUp() }
        struct Abort: Error {}
        let entry = AuditEntry(time: Fixtures.instant, event: "account.created", account: "a@example.com")
        #expect(throws: Abort.self) {
            try store.transaction { tx in
                try tx.create(Fixtures.account("a@example.com"))
                try tx.create(Company(id: "acme", name: "Acme", createdAt: Fixtures.instant))
                try tx.appendAudit(entry)
                throw Abort()
            }
        }
        #expect(try store.keys(of: Account.self).isEmpty)
        #expect(try store.keys(of: Company.self).isEmpty)
        #expect(try store.auditLog().isEmpty)
        try store.transaction { tx in
            try tx.create(Fixtures.account("a@example.com"))
            // Reads see the transaction's own changes, keys included.
            #expect(try tx.read(Account.self, key: "a@example.com") == Fixtures.account("a@example.com"))
            #expect(try tx.keys(of: Account.self) == ["a@example.com"])
            try tx.create(Company(id: "acme", name: "Acme", createdAt: Fixtures.instant))
            try tx.create(Fixtures.account("gone@example.com"))
            try tx.delete(Account.self, key: "gone@example.com")
            #expect(throws: StoreError.alreadyExists(collection: "accounts", key: "a@example.com")) {
                try tx.create(Fixtures.account("a@example.com"))
            }
            try tx.appendAudit(entry)
        }
        #expect(try store.keys(of: Account.self) == ["a@example.com"])
        #expect(try store.read(Company.self, key: "acme")?.name == "Acme")
        #expect(try store.auditLog() == [entry])
    }

    @Test(
        "a document over 1 MiB is refused and nothing of its transaction is written", arguments: Kind.testable
    )
    func tooLarge(kind: Kind) throws {
        let (store, cleanUp) = try make(kind)
        defer { cleanUp() }
        var huge = Fixtures.account("big@example.com")
        huge.displayName = String(repeating: "x", count: StoreTransaction.maximumDocumentBytes)
        #expect(throws: StoreError.self) {
            try store.transaction { tx in
                try tx.create(Fixtures.account("a@example.com"))
                try tx.create(huge)
            }
        }
        #expect(try store.keys(of: Account.self).isEmpty)
    }

    @Test("8 threads x 25 transactions that read, then write, lose no update", arguments: Kind.testable)
    func serialised(kind: Kind) throws {
        let (store, cleanUp) = try make(kind)
        defer { cleanUp() }
        try store.create(Fixtures.account())
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<25 {
                try? store.transaction { tx in
                    let seen = try tx.read(Account.self, key: "alice@example.com")?.failedLogins ?? 0
                    try tx.update(Account.self, key: "alice@example.com") { $0?.failedLogins = seen + 1 }
                    try tx.appendAudit(AuditEntry(time: Fixtures.instant, event: "tick", account: nil))
                }
            }
        }
        #expect(try store.read(Account.self, key: "alice@example.com")?.failedLogins == 200)
        #expect(try store.auditLog().count == 200)
    }
}
