import Foundation
import KeepsafePostgres
import KeepsafeStore
import TestSupport
import Testing

/// Clients killed mid-transaction and a server restarted under load: nothing half-done,
/// one line per failed operation, and the next operation works. Needs
/// `KEEPSAFE_TEST_POSTGRES`; the restart starts a cluster of its own.
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
        #expect(
            accounts.count >= committed && accounts.count <= committed + 18,
            "\(accounts.count) vs \(committed)")
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

    // On a cluster of its own (scripts/pg-cluster): a restart of the shared server would
    // fail the tests running beside this one.
    @Test(
        "a server restart under load fails the operations in flight with one line, then everything works",
        .enabled(
            if: TestCluster.isAvailable || PeerTools.interopRequired,
            "needs a PostgreSQL server installed (initdb, pg_ctl) to start a cluster of its own"))
    func restartUnderLoad() throws {
        let cluster = try TestCluster()
        defer { cluster.stop() }
        let url = cluster.url + "&schema=restart"
        let store = try PostgresStore(url: url, initialPolicy: .testing())
        try store.create(Fixtures.account("counter@example.com"))
        let tally = Tally()
        let stop = Tally()
        let restarted = Tally()
        // Per worker: the outcome of its first operation begun after the server was back.
        let firstAfterRestart = Tally()
        let group = DispatchGroup()
        for _ in 0..<4 {
            DispatchQueue.global().async(group: group) {
                var reported = false
                // Until stopped, and in any case until this worker has begun (and ended)
                // an operation after the restart.
                while stop.successes == 0 || !reported {
                    let begunAfterRestart = restarted.successes > 0
                    do {
                        try store.update(Account.self, key: "counter@example.com") { $0?.failedLogins += 1 }
                        tally.succeeded()
                        if begunAfterRestart && !reported {
                            firstAfterRestart.succeeded()
                            reported = true
                        }
                    } catch {
                        tally.failed("\(error)")
                        if begunAfterRestart && !reported {
                            firstAfterRestart.failed("\(error)")
                            reported = true
                        }
                        Thread.sleep(forTimeInterval: 0.05)
                    }
                }
            }
        }
        Thread.sleep(forTimeInterval: 1)
        let before = tally.successes
        try cluster.restart()
        restarted.succeeded()
        let afterRestart = tally.successes
        Thread.sleep(forTimeInterval: 2)
        stop.succeeded()
        // A worker stuck on an answer that never comes would hang here: that is the bug.
        let finished = group.wait(timeout: .now() + 120)
        #expect(finished == .success, "a worker is still waiting 2 minutes after the restart")
        #expect(before > 0)
        #expect(tally.successes > afterRestart, "no operation succeeded after the restart")
        #expect(firstAfterRestart.successes == 4, "the next operation failed: \(firstAfterRestart.failures)")
        for failure in tally.failures {
            #expect(!failure.contains("\n"))
            #expect(failure.contains("unreachable") || failure.contains("database"), "\(failure)")
        }
        print(
            "restart under load: \(before) changes before, \(tally.failures.count) failed, "
                + "\(tally.successes - afterRestart) after; failures: \(Set(tally.failures).sorted())")
        // Every acknowledged increment is there; an unacknowledged one may or may not be.
        let count = try #require(try store.read(Account.self, key: "counter@example.com")).failedLogins
        #expect(count >= tally.successes && count <= tally.successes + tally.failures.count)
        // The pool recovered: a fresh operation works.
        try store.update(Account.self, key: "counter@example.com") { $0?.lockouts = 1 }
    }

    @Test(
        "a server that stops answering fails the operation in flight with one line, and the next one reconnects",
        .enabled(
            if: TestCluster.isAvailable || PeerTools.interopRequired,
            "needs a PostgreSQL server installed (initdb, pg_ctl) to start a cluster of its own"))
    func serverStopsAnswering() throws {
        let cluster = try TestCluster()
        defer { cluster.stop() }
        let store = try PostgresStore(
            url: cluster.url + "&schema=frozen", initialPolicy: .testing(), answerTimeout: 2)
        try store.create(Fixtures.account("frozen@example.com"))
        try store.update(Account.self, key: "frozen@example.com") { $0?.failedLogins += 1 }
        // Mid-transaction (the row read and locked), every client backend stops (SIGSTOP):
        // the connections stay open and nothing answers, as with a hung server or a
        // network cut that sends no reset.
        let psql = try #require(PeerTools.which("psql"))
        let listed = try Subprocess.run(
            psql,
            [
                "-X", "-A", "-t", cluster.url, "-c",
                "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
            ])
        let backends = listed.stdout.split(separator: "\n").compactMap { Int32($0) }
        try #require(!backends.isEmpty, "\(listed.stderr)")
        let outcome = LockedBox<String?>(nil)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            do {
                try store.update(Account.self, key: "frozen@example.com") { record in
                    for pid in backends { kill(pid, SIGSTOP) }
                    record?.failedLogins += 1
                }
                outcome.set("succeeded")
            } catch {
                outcome.set("\(error)")
            }
        }
        let ended = group.wait(timeout: .now() + 60)
        for pid in backends { kill(pid, SIGCONT) }
        #expect(ended == .success, "the operation still waits for an answer a minute later")
        group.wait()
        let failure = try #require(outcome.get())
        #expect(failure.contains("unreachable") && failure.contains("did not answer"), "\(failure)")
        #expect(!failure.contains("\n"))
        // The next operation opens a fresh connection and works.
        try store.update(Account.self, key: "frozen@example.com") { $0?.lockouts = 1 }
        #expect(try store.read(Account.self, key: "frozen@example.com")?.lockouts == 1)
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
