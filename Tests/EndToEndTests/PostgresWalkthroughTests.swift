import Foundation
import TestSupport
import Testing

/// The built `keepsafe` against a PostgreSQL server: every walkthrough, and crowds of
/// processes signing up at once. Needs `KEEPSAFE_TEST_POSTGRES`.
@Suite(
    "PostgreSQL store: the built binary",
    .enabled(if: TestPostgres.shouldRun, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresWalkthroughTests {
    static let walkthroughs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assets/walkthroughs").path

    /// Runs `keepsafe` with each argument list, `width` at a time; results in order.
    private func runAll(_ runs: [[String]], width: Int) -> [Subprocess.Result?] {
        let results = Results(count: runs.count)
        let semaphore = DispatchSemaphore(value: width)
        DispatchQueue.concurrentPerform(iterations: runs.count) { index in
            semaphore.wait()
            defer { semaphore.signal() }
            results.set(index, try? BuiltProducts.runKeepsafe(runs[index]))
        }
        return results.all
    }

    @Test("every walkthrough passes against the server, each on a fresh store (schema) of its own")
    func everyWalkthrough() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.walkthroughs)
            .filter { $0.hasSuffix(".walk") }.sorted()
        try #require(files.count >= 40)
        let runs = try files.map { file in
            ["walkthrough", Self.walkthroughs + "/" + file, "--store", try TestPostgres.freshStoreURL("walk")]
        }
        let results = runAll(runs, width: 4)
        for (file, result) in zip(files, results) {
            #expect(result?.status == 0, "\(file): \(result?.stdout ?? "") \(result?.stderr ?? "did not run")")
        }
    }

    private func signUp(_ email: String, company: String, to path: String) throws {
        try """
        size 80x24
        clock 2026-05-01T09:00:00Z
        set email "\(email)"
        set name "Crowd Member"
        set company "\(company)"
        set password "granite-orchid-51"
        include \(Self.walkthroughs)/lib/signup.walkinc
        """.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("8 processes × 10 sign-ups on one server store: 80 accounts, every one whole")
    func crowdOfSignUps() throws {
        let directory = try TemporaryDirectory(prefix: "keepsafe-pg-crowd")
        defer { directory.remove() }
        let url = try TestPostgres.freshStoreURL("crowd")
        let made = try BuiltProducts.runKeepsafe(["store", "init", "--sandbox", url])
        try #require(made.status == 0, "\(made.stderr)")
        var runs: [[String]] = []
        for process in 0..<8 {
            var arguments = ["walkthrough"]
            for index in 0..<10 {
                let file = directory.file("p\(process)-\(index).walk")
                try signUp("p\(process)-\(index)@example.com", company: "Company \(process)", to: file)
                arguments.append(file)
            }
            runs.append(arguments + ["--store", url, "--jobs", "1"])
        }
        let results = runAll(runs, width: 8)
        for result in results {
            #expect(result?.status == 0, "\(result?.stdout ?? "") \(result?.stderr ?? "did not run")")
        }
        let listed = try BuiltProducts.runKeepsafe(["users", "list", "--json", "--store", url])
        #expect(listed.stdout.components(separatedBy: "\"email\"").count - 1 == 80)
        let checked = try BuiltProducts.runKeepsafe(["store", "check", "--store", url])
        #expect(checked.status == 0, "\(checked.stdout) \(checked.stderr)")
    }

    @Test("one email signed up from 8 processes at once: exactly one account, one winner")
    func oneEmailManyProcesses() throws {
        let directory = try TemporaryDirectory(prefix: "keepsafe-pg-one")
        defer { directory.remove() }
        let url = try TestPostgres.freshStoreURL("one")
        let made = try BuiltProducts.runKeepsafe(["store", "init", "--sandbox", url])
        try #require(made.status == 0, "\(made.stderr)")
        let file = directory.file("same.walk")
        try signUp("same@example.com", company: "Same Co", to: file)
        let results = runAll(Array(repeating: ["walkthrough", file, "--store", url], count: 8), width: 8)
        #expect(results.filter { $0?.status == 0 }.count == 1)
        let listed = try BuiltProducts.runKeepsafe(["users", "list", "--json", "--store", url])
        #expect(listed.stdout.components(separatedBy: "\"email\"").count - 1 == 1, "\(listed.stdout)")
        let checked = try BuiltProducts.runKeepsafe(["store", "check", "--store", url])
        #expect(checked.status == 0, "\(checked.stdout) \(checked.stderr)")
    }

    @Test("a store error on the command line is one line, exit 3, without the password")
    func unreachableServer() throws {
        let result = try BuiltProducts.runKeepsafe([
            "users", "list", "--store", "postgres://keepsafe:hunter2@127.0.0.1:1/db?sslmode=disable",
        ])
        #expect(result.status == 3)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("unreachable"))
        #expect(!result.stderr.contains("hunter2"))
        let bad = try BuiltProducts.runKeepsafe(["users", "list", "--store", "postgres://h/db?sslmode=sometimes"])
        #expect(bad.status == 2)
    }

    @Test("a walkthrough refuses a PostgreSQL store that is not a sandbox, and changes nothing in it")
    func walkthroughNeedsSandbox() throws {
        let url = try TestPostgres.freshStoreURL("real")
        let made = try BuiltProducts.runKeepsafe(["store", "init", url])
        try #require(made.status == 0, "\(made.stderr)")
        let refused = try BuiltProducts.runKeepsafe([
            "walkthrough", Self.walkthroughs + "/f1-signup.walk", "--store", url,
        ])
        #expect(refused.status == 2, "\(refused.stdout) \(refused.stderr)")
        #expect(refused.stderr.contains("is not a sandbox"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        let listed = try BuiltProducts.runKeepsafe(["users", "list", "--json", "--store", url])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(!listed.stdout.contains("@"), "\(listed.stdout)")
        // A fresh database schema is still made a sandbox, as before.
        let fresh = try BuiltProducts.runKeepsafe([
            "walkthrough", Self.walkthroughs + "/f1-signup.walk", "--store", try TestPostgres.freshStoreURL("sandbox"),
        ])
        #expect(fresh.status == 0, "\(fresh.stdout) \(fresh.stderr)")
    }
}

/// Results gathered from several threads, by index.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Subprocess.Result?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Subprocess.Result?) { lock.withLock { items[index] = value } }
    var all: [Subprocess.Result?] { lock.withLock { items } }
}
