import Foundation
import KeepsafeStore
import Testing

@Suite("store check")
struct StoreCheckTests {
    /// A store with one record of each kind, all consistent.
    private func populated() throws -> (StoreFixture, FileStore) {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        try store.create(Company(id: "acme", name: "Acme", createdAt: Fixtures.instant))
        try store.create(Fixtures.account())
        try store.create(
            Invitation(
                email: "bob@example.com", invitedBy: "alice@example.com", company: "acme",
                createdAt: Fixtures.instant))
        try store.create(
            PushRequest(
                id: "p1", kind: .login, account: "alice@example.com", factorID: "f1",
                createdAt: Fixtures.instant,
                expiresAt: Fixtures.instant, device: "laptop", place: "here"))
        try store.appendAudit(
            AuditEntry(time: Fixtures.instant, event: "mfa.enrolled", account: "alice@example.com"))
        return (fixture, store)
    }

    @Test("a consistent store has no problems")
    func clean() throws {
        let (fixture, store) = try populated()
        defer { fixture.remove() }
        #expect(try StoreCheck(store: store).run() == [])
    }

    @Test("every problem is listed, each with its file")
    func everyProblem() throws {
        let (fixture, store) = try populated()
        defer { fixture.remove() }
        try fixture.write("accounts/carol@example.com.json", "{\"schemaVersion\": 1, \"email\": ")
        try fixture.write("companies/other.json", #"{"schemaVersion": 9}"#)
        try fixture.write("invites/stray.txt", "hello")
        try fixture.write("audit.log", "{\"not\": \"an entry\"}\n")
        // Written by the test with the umask's modes: make them right, to count each fault once.
        for file in [
            "accounts/carol@example.com.json", "companies/other.json", "invites/stray.txt", "audit.log",
        ] {
            chmod(fixture.file(file), 0o600)
        }
        chmod(fixture.file("push/p1.json"), 0o644)
        try store.update(Account.self, key: "alice@example.com") { account in
            account?.company = "globex"
            account?.preferredFactorID = "missing"
        }
        try store.delete(Company.self, key: "acme")

        let problems = try StoreCheck(store: store).run()
        let files = problems.map(\.file)
        #expect(files.contains("accounts/carol@example.com.json"))
        #expect(problems.contains { $0.file == "companies/other.json" && $0.reason.contains("newer") })
        #expect(files.contains("invites/stray.txt"))
        #expect(problems.contains { $0.file == "audit.log" && $0.reason.hasPrefix("line 1:") })
        #expect(problems.contains { $0.file == "push/p1.json" && $0.reason.contains("644") })
        #expect(
            problems.contains { $0.file == "accounts/alice@example.com.json" && $0.reason.contains("globex") }
        )
        #expect(
            problems.contains {
                $0.file == "accounts/alice@example.com.json" && $0.reason.contains("preferred")
            })
        #expect(problems.contains { $0.file == "invites/bob@example.com.json" && $0.reason.contains("acme") })
        #expect(problems.count == 8, "\(problems)")
    }

    @Test("a policy out of range, a missing policy and a loose store folder are reported")
    func policyAndFolder() throws {
        let (fixture, store) = try populated()
        defer { fixture.remove() }
        var policy = try store.policy()
        policy.totp.digits = 12
        try store.writePolicy(policy)
        chmod(fixture.path, 0o755)
        var problems = try StoreCheck(store: store).run()
        #expect(problems.contains { $0.file == "policy.json" && $0.reason.contains("totp.digits") })
        #expect(problems.contains { $0.file == "" && $0.reason.contains("755") })
        try FileManager.default.removeItem(atPath: fixture.file("policy.json"))
        problems = try StoreCheck(store: store).run()
        #expect(problems.contains { $0.file == "policy.json" && $0.reason.hasPrefix("missing") })
    }

    @Test("the phone's own documents are checked as JSON")
    func phoneDocuments() throws {
        let (fixture, store) = try populated()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(
            atPath: fixture.file("phone/authenticator"), withIntermediateDirectories: true)
        chmod(fixture.file("phone"), 0o700)
        chmod(fixture.file("phone/authenticator"), 0o700)
        try fixture.write("phone/authenticator/a.json", #"{"schemaVersion": 1}"#)
        try fixture.write("phone/authenticator/b.json", "[1,")
        chmod(fixture.file("phone/authenticator/a.json"), 0o600)
        chmod(fixture.file("phone/authenticator/b.json"), 0o600)
        let problems = try StoreCheck(store: store).run()
        #expect(problems.map(\.file) == ["phone/authenticator/b.json"])
        #expect(problems.first?.reason.hasPrefix("not valid JSON") == true)
    }
}
