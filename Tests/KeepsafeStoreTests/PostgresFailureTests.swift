import Foundation
import KeepsafePostgres
import KeepsafeStore
import TestSupport
import Testing

/// Clients killed mid-transaction and a server restarted under load: nothing half-done,
/// one line per failed operation, and the next operation works. Needs
/// `KEEPSAFE_TEST_POSTGRES`; the restart also `KEEPSAFE_TEST_POSTGRES_CLUSTER` (the
/// folder `scripts/pg-cluster start` made, as `.ci/run` sets).
@Suite(
    "PostgreSQL store: crashes and restarts",
    .enabled(if: TestPostgres.shouldRun, Comment(rawValue: TestPostgres.skipReason)), .serialized)
struct PostgresFailureTests {
    @Test("SIGKILLed clients in a stream of sign-ups leave every sign-up whole or absent")
    func killedClients() throws {
        let url = try TestPostgres.freshStoreURL("kill")
        _ = try PostgresStore(url: url, initialPolicy: .testing())
        var committed = 0
        for round in 0..<6 {
            let processes = try (0..<3).map { worker -> (Process, Pipe) in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: Torture.path)
                process.arguments = ["signup-loop", url, "\(round)x\(worker)"]
                let out = Pipe()
                process.standardOutput = out
                process.standardError = FileHandle.nullDevice
                try process.run()
                return (process, out)
            }
            Thread.sleep(forTimeInterval: Double.random(in: 0.4...1.2))
            for (process, out) in processes {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                committed += printed.split(separator: "\n").count
            }
        }
        let store = try PostgresStore(url: url, createIfMissing: false)
        let accounts = try store.list(Account.self)
        // Every sign-up a worker saw committed is there (a kill may also land after a
        // commit and before its line was printed: at most one per process).
        #expect(accounts.count >= committed && accounts.count <= committed + 18, "\(accounts.count) vs \(committed)")
        #expect(accounts.count > 0)
        let companies = Set(try store.keys(of: Company.self))
        let mail = Set(try store.keys(of: MailMessage.self))
        let audit = try store.auditLog().compactMap(\.account)
        for account in accounts {
            #expect(companies.contains(account.company), "\(account.email) without its company")
            #expect(mail.contains(account.email), "\(account.email) without its mail")
        }
        #expect(companies.count == accounts.count)
        #expect(mail.count == accounts.count)
        #expect(Set(audit) == Set(accounts.map(\.email)))
        #expect(audit.count == accounts.count)
        #expect(try StoreCheck(store: store).run() == [])
    }

    // Known to hang today: after `pg_ctl restart -m fast` under load, a transaction can
    // wait forever for an answer to a statement the server never received, holding its
    // row lock. Opt in with KEEPSAFE_TEST_POSTGRES_RESTART=1 while that is fixed.
    @Test(
        "a server restart under load fails the operations in flight with one line, then everything works",
        .enabled(
            if: ProcessInfo.processInfo.environment["KEEPSAFE_TEST_POSTGRES_CLUSTER"] != nil
                && ProcessInfo.processInfo.environment["KEEPSAFE_TEST_POSTGRES_RESTART"] == "1"))
    func restartUnderLoad() throws {
        let cluster = try #require(ProcessInfo.processInfo.environment["KEEPSAFE_TEST_POSTGRES_CLUSTER"])
        let url = try TestPostgres.freshStoreURL("restart")
        let store = try PostgresStore(url: url, initialPolicy: .testing())
        try store.create(Fixtures.account("counter@example.com"))
        let tally = Tally()
        let stop = Tally()
        let group = DispatchGroup()
        for _ in 0..<4 {
            DispatchQueue.global().async(group: group) {
                while stop.successes == 0 {
                    do {
                        try store.update(Account.self, key: "counter@example.com") { $0?.failedLogins += 1 }
                        tally.succeeded()
                    } catch {
                        tally.failed("\(error)")
                        Thread.sleep(forTimeInterval: 0.05)
                    }
                }
            }
        }
        Thread.sleep(forTimeInterval: 1)
        let before = tally.successes
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/pg-cluster").path
        let restarted = try Subprocess.run(script, ["restart", cluster])
        #expect(restarted.status == 0, "\(restarted.stderr)")
        let afterRestart = tally.successes
        Thread.sleep(forTimeInterval: 2)
        stop.succeeded()
        group.wait()
        #expect(before > 0)
        #expect(tally.successes > afterRestart, "no operation succeeded after the restart")
        for failure in tally.failures {
            #expect(!failure.contains("\n"))
            #expect(failure.contains("unreachable") || failure.contains("database"), "\(failure)")
        }
        // Every acknowledged increment is there; an unacknowledged one may or may not be.
        let count = try #require(try store.read(Account.self, key: "counter@example.com")).failedLogins
        #expect(count >= tally.successes && count <= tally.successes + tally.failures.count)
        // The pool recovered: a fresh operation works.
        try store.update(Account.self, key: "counter@example.com") { $0?.lockouts = 1 }
    }
}

/// Counts from several threads.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var ok = 0
    private var errors: [String] = []
    func succeeded() { lock.withLock { ok += 1 } }
    func failed(_ error: String) { lock.withLock { errors.append(error) } }
    var successes: Int { lock.withLock { ok } }
    var failures: [String] { lock.withLock { errors } }
}
