import Foundation
import KeepsafePostgres
import KeepsafeStore
import TestSupport
import Testing

/// What the PostgreSQL engine promises beyond the conformance suite: the database keeps
/// the invariants, creators race safely, changes wake listeners, a lost server is one
/// line, and stores copy both ways. Needs `KEEPSAFE_TEST_POSTGRES`.
@Suite(
    "PostgreSQL store", .enabled(if: TestPostgres.shouldRun, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresStoreTests {
    private func fresh(_ label: String = "pg") throws -> (PostgresStore, String) {
        let url = try TestPostgres.freshStoreURL(label)
        return (try PostgresStore(url: url, initialPolicy: .testing()), url)
    }

    /// Runs SQL with psql on the test server (outside keepsafe).
    private func psql(_ sql: String) throws -> Subprocess.Result {
        guard let url = TestPostgres.url else { throw TestPostgres.Missing() }
        return try Subprocess.run(
            PeerTools.which("psql") ?? "/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
    }

    @Test("an account key that is not lowercased is refused by the database, and nothing is written")
    func lowercaseKeys() throws {
        let (store, _) = try fresh()
        #expect {
            try store.transaction { tx in
                try tx.create(Fixtures.account("ok@example.com"))
                try tx.create(Fixtures.account("Mixed@Example.com"))
            }
        } throws: { error in
            guard case StoreError.database(_, let reason) = error else { return false }
            return reason.contains("account_email_lowercase") && !reason.contains("\n")
        }
        #expect(try store.keys(of: Account.self).isEmpty)
    }

    @Test("an invitation needs its company and inviter, which one transaction may create with it")
    func invitationReferences() throws {
        let (store, _) = try fresh()
        let invitation = Invitation(
            email: "new@example.com", invitedBy: "alice@example.com", company: "acme", createdAt: Fixtures.instant)
        #expect(throws: StoreError.self) { try store.create(invitation) }
        #expect(try store.keys(of: Invitation.self).isEmpty)
        try store.transaction { tx in
            try tx.create(invitation)
            try tx.create(Company(id: "acme", name: "Acme", createdAt: Fixtures.instant))
            try tx.create(Fixtures.account("alice@example.com"))
        }
        #expect(try store.read(Invitation.self, key: "new@example.com") == invitation)
    }

    @Test("the audit log is append-only, even for someone with SQL access")
    func appendOnlyAudit() throws {
        let (store, url) = try fresh()
        try store.appendAudit(AuditEntry(time: Fixtures.instant, event: "one", account: nil))
        let schema = try #require(url.split(separator: "=").last.map(String.init))
        for sql in [
            "UPDATE \(schema).audit SET line = 'x'", "DELETE FROM \(schema).audit", "TRUNCATE \(schema).audit",
        ] {
            let result = try psql(sql)
            #expect(result.status != 0, "\(sql) was allowed")
            #expect(result.stderr.contains("append-only"), "\(result.stderr)")
        }
        #expect(try store.auditLog().map(\.event) == ["one"])
    }

    @Test("8 stores (8 pools) create one key at once: exactly one wins, the others see alreadyExists")
    func racingCreators() throws {
        let (_, url) = try fresh()
        let stores = try (0..<8).map { _ in try PostgresStore(url: url, initialPolicy: .testing()) }
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            do {
                try stores[index].create(Fixtures.account("race@example.com"))
                outcomes.add("created")
            } catch StoreError.alreadyExists {
                outcomes.add("exists")
            } catch {
                outcomes.add("\(error)")
            }
        }
        #expect(outcomes.sorted == ["created"] + Array(repeating: "exists", count: 7))
    }

    @Test("a committed SMS wakes a listener in another store at once (LISTEN/NOTIFY)")
    func notifyRoundTrip() throws {
        let (portal, url) = try fresh()
        let phone = try PostgresStore(url: url)
        try phone.startListening()
        #expect(try phone.waitForChange(timeout: 0.2) == nil)
        var timings: [Double] = []
        for round in 0..<5 {
            let started = Date()
            try portal.create(
                SMSMessage(id: "m\(round)", to: "+15551234567", body: "code", sentAt: Date(), deliverAt: Date()))
            #expect(try phone.waitForChange(timeout: 5) == "outbox/sms")
            timings.append(Date().timeIntervalSince(started))
        }
        // An account change does not wake it.
        try portal.create(Fixtures.account())
        #expect(try phone.waitForChange(timeout: 0.3) == nil)
        let median = timings.sorted()[timings.count / 2]
        #expect(median < 0.15, "median commit-to-wake \(median) s")
    }

    @Test("a server that is not there is one line naming the store without its password, exit-ready")
    func unreachable() throws {
        let port = try Self.closedPort()
        #expect {
            _ = try PostgresStore(url: "postgres://keepsafe:hunter2@127.0.0.1:\(port)/db?sslmode=disable")
        } throws: { error in
            let text = "\(error)"
            guard case StoreError.unreachable = error else { return false }
            return !text.contains("hunter2") && !text.contains("\n") && text.contains("127.0.0.1:\(port)")
        }
    }

    @Test("store check reads every document and reports a dangling reference")
    func check() throws {
        let (store, _) = try fresh()
        try store.create(Company(id: "acme", name: "Acme", createdAt: Fixtures.instant))
        try store.create(Fixtures.account())
        #expect(try StoreCheck(store: store).run() == [])
        try store.create(
            PushRequest(
                id: "p1", kind: .login, account: "ghost@example.com", factorID: "f1", createdAt: Fixtures.instant,
                expiresAt: Fixtures.instant, device: "laptop", place: "here"))
        let problems = try StoreCheck(store: store).run()
        #expect(problems.map(\.file) == ["push/p1"])
        #expect(problems.first?.reason.contains("ghost@example.com") == true)
    }

    @Test("copy: folder → database → folder keeps every document, the policy and the audit log")
    func copyBothWays() throws {
        let directory = try TemporaryDirectory(prefix: "keepsafe-copy")
        defer { directory.remove() }
        let folder = try FileStore(path: directory.file("a"), initialPolicy: .testing())
        try folder.transaction { tx in
            try tx.create(Company(id: "acme", name: "Acme", createdAt: Fixtures.instant))
            try tx.create(Fixtures.account())
            try tx.create(
                Invitation(
                    email: "bob@example.com", invitedBy: "alice@example.com", company: "acme",
                    createdAt: Fixtures.instant))
            try tx.create(MailMessage(id: "m1", to: "a@example.com", subject: "Hi", body: "x", sentAt: Fixtures.instant))
            try tx.putRaw(collection: "phone/accounts", key: "k1", data: Data(#"{"schemaVersion":1,"n":"x"}"#.utf8))
            try tx.appendAudit(AuditEntry(time: Fixtures.instant, event: "one", account: "alice@example.com"))
        }
        var policy = Policy.testing()
        policy.push.numberMatching = true
        try folder.writePolicy(policy)
        let (database, _) = try fresh("copy")
        let counts = try StoreCopy.copy(from: folder, to: database)
        #expect(counts == StoreCopy.Counts(documents: 5, auditLines: 1))
        #expect(throws: StoreError.self) { try StoreCopy.copy(from: folder, to: database) }
        let back = try FileStore(path: directory.file("b"), initialPolicy: .testing())
        try StoreCopy.copy(from: database, to: back)
        #expect(try StoreExport(store: back).document() == StoreExport(store: folder).document())
        #expect(try StoreExport(store: database).document() == StoreExport(store: folder).document())
        #expect(try back.policy() == policy)
        #expect(try back.collectionNames() == folder.collectionNames())
    }

    /// A TCP port nothing listens on (bound, then released).
    static func closedPort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Results gathered from several threads.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var sorted: [String] { lock.withLock { items.sorted() } }
}
