import Foundation
import KeepsafeStore
import Testing

/// The same expectations run against both stores: the in-memory one must behave as the
/// file store does, or the flow's unit tests would prove nothing about the real thing.
@Suite("DocumentStore conformance: memory and file")
struct ConformanceTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case memory, file
        var testDescription: String { rawValue }
    }

    /// A store of `kind`, and a clean-up to call when done.
    private func make(_ kind: Kind) throws -> (any DocumentStore, () -> Void) {
        switch kind {
        case .memory:
            return (InMemoryStore(policy: .testing()), {})
        case .file:
            let fixture = try StoreFixture()
            return (try fixture.open(), { fixture.remove() })
        }
    }

    @Test("the whole record life cycle", arguments: Kind.allCases)
    func lifeCycle(kind: Kind) throws {
        let (store, cleanUp) = try make(kind)
        defer { cleanUp() }
        #expect(try store.policy() == .testing())
        let emails = ["b@example.com", "A/x@example.com", "c%d@example.com"]
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
            #expect(throws: StoreError.nestedTransaction(collection: "accounts", key: "b@example.com")) {
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
}
