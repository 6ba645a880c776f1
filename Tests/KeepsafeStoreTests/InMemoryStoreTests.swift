import Foundation
import KeepsafeStore
import Testing

@Suite("InMemoryStore")
struct InMemoryStoreTests {
    @Test("a saved record reads back equal, dates included")
    func roundTrip() throws {
        let store = InMemoryStore()
        let account = Fixtures.account()
        try store.create(account)
        #expect(try store.read(Account.self, key: account.key) == account)
        #expect(try store.read(Account.self, key: "nobody@example.com") == nil)
    }

    @Test("decoding the same bytes again gives the same record; other bytes are read anew, bad ones refused")
    func decodedDocumentsAreKeptByTheirBytes() throws {
        let account = Fixtures.account()
        let data = try RecordCoder.encode(account, file: "a.json")
        #expect(try RecordCoder.decode(Account.self, from: data, file: "a.json") == account)
        #expect(try RecordCoder.decode(Account.self, from: data, file: "a.json") == account)
        var renamed = account
        renamed.displayName = "Someone Else"
        let other = try RecordCoder.encode(renamed, file: "a.json")
        #expect(try RecordCoder.decode(Account.self, from: other, file: "a.json") == renamed)
        // The same bytes as another type are that type's business: refused, not served.
        #expect(throws: StoreError.self) { try RecordCoder.decode(Invitation.self, from: data, file: "a.json") }
        var broken = data
        broken.removeLast(3)
        #expect(throws: StoreError.self) { try RecordCoder.decode(Account.self, from: broken, file: "a.json") }
    }

    @Test("records read back as themselves through a fresh decoder (the decode cache relies on it)")
    func recordsRoundTripWithoutTheCache() throws {
        var account = Fixtures.account()
        account.createdAt = Date(timeIntervalSinceReferenceDate: 817_000_000.987_654_3)
        account.displayName = "Zoë \u{7}「テスト」 ☃"
        let invitation = Invitation(
            email: "bob@example.com", invitedBy: "alice@example.com", company: "acme", createdAt: Fixtures.instant)
        var request = PushRequest(
            id: "r1", kind: .login, account: account.email, factorID: "f", createdAt: Fixtures.instant,
            expiresAt: Fixtures.instant.addingTimeInterval(300.000_1), device: "laptop", place: "here")
        request.numberToMatch = 42
        let fresh = RecordCoder.makeDecoder()
        #expect(try fresh.decode(Account.self, from: RecordCoder.encode(account, file: "a")) == account)
        #expect(try fresh.decode(Invitation.self, from: RecordCoder.encode(invitation, file: "i")) == invitation)
        #expect(try fresh.decode(PushRequest.self, from: RecordCoder.encode(request, file: "p")) == request)
    }

    @Test("a second create of the same key fails with alreadyExists")
    func createOnce() throws {
        let store = InMemoryStore()
        try store.create(Fixtures.account())
        #expect(throws: StoreError.alreadyExists(collection: "accounts", key: "alice@example.com")) {
            try store.create(Fixtures.account())
        }
    }

    @Test("update changes, creates and deletes, and returns the body's result")
    func updateLifecycle() throws {
        let store = InMemoryStore()
        let created: Bool = try store.update(Invitation.self, key: "bob@example.com") { invitation in
            invitation = Invitation(
                email: "bob@example.com", invitedBy: "alice@example.com", company: "acme",
                createdAt: Fixtures.instant)
            return true
        }
        #expect(created)
        try store.update(Invitation.self, key: "bob@example.com") { $0?.acceptedAt = Fixtures.instant }
        #expect(try store.read(Invitation.self, key: "bob@example.com")?.acceptedAt == Fixtures.instant)
        try store.delete(Invitation.self, key: "bob@example.com")
        #expect(try store.read(Invitation.self, key: "bob@example.com") == nil)
    }

    @Test("a throwing body leaves the record unchanged")
    func throwingBodyRollsBack() throws {
        struct Abort: Error {}
        let store = InMemoryStore()
        try store.create(Fixtures.account())
        #expect(throws: Abort.self) {
            try store.update(Account.self, key: "alice@example.com") { account in
                account?.failedLogins = 7
                throw Abort()
            }
        }
        #expect(try store.read(Account.self, key: "alice@example.com")?.failedLogins == 0)
    }

    @Test("a transaction nested in a transaction is refused; the outer one changes other records itself")
    func nestedTransactions() throws {
        let store = InMemoryStore()
        try store.create(Fixtures.account())
        try store.transaction { tx in
            try tx.update(Account.self, key: "alice@example.com") { $0?.lockouts = 1 }
            #expect(throws: StoreError.nestedTransaction(store: "memory")) {
                try store.update(Account.self, key: "alice@example.com") { $0?.lockouts = 2 }
            }
            try tx.create(Company(id: "acme", name: "Acme", createdAt: Fixtures.instant))
        }
        #expect(try store.read(Account.self, key: "alice@example.com")?.lockouts == 1)
        #expect(try store.read(Company.self, key: "acme") != nil)
    }

    @Test("a body that changes the key is refused")
    func keyMismatch() throws {
        let store = InMemoryStore()
        try store.create(Fixtures.account())
        #expect(throws: StoreError.self) {
            try store.update(Account.self, key: "alice@example.com") { $0?.email = "eve@example.com" }
        }
        #expect(try store.read(Account.self, key: "eve@example.com") == nil)
    }

    @Test("list and keys return every record in key order")
    func listing() throws {
        let store = InMemoryStore()
        for email in ["carol@example.com", "alice@example.com", "bob@example.com"] {
            try store.create(Fixtures.account(email))
        }
        #expect(
            try store.keys(of: Account.self) == ["alice@example.com", "bob@example.com", "carol@example.com"])
        #expect(
            try store.list(Account.self).map(\.email) == [
                "alice@example.com", "bob@example.com", "carol@example.com",
            ])
        #expect(try store.list(Invitation.self).isEmpty)
    }

    @Test("invalid keys are refused", arguments: ["", ".", ".."])
    func invalidKeys(key: String) throws {
        let store = InMemoryStore()
        #expect(throws: StoreError.invalidKey(key)) { try store.read(Account.self, key: key) }
    }

    @Test("policy starts as given and can be replaced")
    func policy() throws {
        let store = InMemoryStore(policy: .testing(iterations: 10))
        #expect(try store.policy().password.iterations == 10)
        var policy = try store.policy()
        policy.sms.lossRate = 0.5
        try store.writePolicy(policy)
        #expect(try store.policy() == policy)
        #expect(try InMemoryStore().policy() == Policy())
    }

    @Test("audit entries come back in order")
    func audit() throws {
        let store = InMemoryStore()
        let first = AuditEntry(
            time: Fixtures.instant, event: "mfa.enrolled", account: "a@example.com", detail: ["kind": "totp"])
        let second = AuditEntry(time: Fixtures.instant, event: "login.locked\nfake line", account: nil)
        try store.appendAudit(first)
        try store.appendAudit(second)
        #expect(try store.auditLog() == [first, second])
    }

    @Test("concurrent updates from many threads are all kept")
    func threads() async throws {
        let store = InMemoryStore()
        try store.create(Fixtures.account())
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<100 {
                        try? store.update(Account.self, key: "alice@example.com") { $0?.failedLogins += 1 }
                    }
                }
            }
        }
        #expect(try store.read(Account.self, key: "alice@example.com")?.failedLogins == 800)
    }
}
