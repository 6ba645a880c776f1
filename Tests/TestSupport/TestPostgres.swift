import Foundation

/// The PostgreSQL server tests of the database engine run against:
/// `KEEPSAFE_TEST_POSTGRES=postgres://...` (`.ci/run` starts a throwaway cluster and
/// sets it). Without it those tests are skipped with one line saying so; under
/// `KEEPSAFE_REQUIRE_INTEROP=1` they run and fail instead.
public enum TestPostgres {
    /// The server's URL, if one is configured.
    public static var url: String? {
        ProcessInfo.processInfo.environment["KEEPSAFE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether tests needing the server should run (and fail if it is missing).
    public static var shouldRun: Bool { url != nil || PeerTools.interopRequired }

    /// The one-line skip reason.
    public static let skipReason =
        "needs a PostgreSQL server: set KEEPSAFE_TEST_POSTGRES=postgres://... (.ci/run starts one)"

    /// A URL naming a store of its own on the server: a fresh schema, so tests never meet.
    /// The schema is dropped when the test process exits (`dropFreshSchemas`).
    /// - Throws: `Missing` when no server is configured.
    public static func freshStoreURL(_ label: String = "t") throws -> String {
        guard let url else { throw Missing() }
        let schema =
            "ks_\(label)_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        FreshSchemas.shared.add(schema, server: url)
        return url + (url.contains("?") ? "&" : "?") + "schema=" + schema
    }

    /// Drops every schema `freshStoreURL` named (and a test or a child process made),
    /// with psql; returns psql's complaint, if any. Runs by itself at exit.
    @discardableResult
    public static func dropFreshSchemas() -> String? {
        FreshSchemas.shared.dropAll()
    }

    /// No server configured.
    public struct Missing: Error, CustomStringConvertible {
        public init() {}
        public var description: String {
            "KEEPSAFE_TEST_POSTGRES is not set: no PostgreSQL server to test against"
        }
    }
}

/// The schemas handed out by `TestPostgres.freshStoreURL`, dropped at exit so that a
/// server that outlives the tests (a developer's own) does not collect them.
final class FreshSchemas: @unchecked Sendable {
    // @unchecked: `schemas` and `registered` are touched only under `lock`.
    static let shared = FreshSchemas()
    private let lock = NSLock()
    private var schemas: [String: [String]] = [:]
    private var registered = false

    func add(_ schema: String, server: String) {
        let register = lock.withLock {
            schemas[server, default: []].append(schema)
            defer { registered = true }
            return !registered
        }
        if register { atexit { _ = TestPostgres.dropFreshSchemas() } }
    }

    func dropAll() -> String? {
        let taken = lock.withLock {
            defer { schemas.removeAll() }
            return schemas
        }
        var complaints: [String] = []
        for (server, names) in taken {
            // A few hundred at a time: one statement per batch, CASCADE for the tables.
            for start in stride(from: 0, to: names.count, by: 200) {
                let batch = names[start..<min(names.count, start + 200)]
                let sql =
                    "SET client_min_messages = warning; DROP SCHEMA IF EXISTS "
                    + batch.map { "\"\($0)\"" }.joined(separator: ", ") + " CASCADE"
                guard let psql = PeerTools.which("psql") else { return "psql not found: schemas left" }
                let result = try? Subprocess.run(
                    psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", server, "-c", sql])
                if result?.status != 0 { complaints.append(result?.stderr ?? "psql did not run") }
            }
        }
        return complaints.isEmpty ? nil : complaints.joined(separator: "; ")
    }
}

/// A throwaway PostgreSQL cluster of a test's own (`scripts/pg-cluster`), for what must
/// not happen to the server other tests share: a restart, say. Stopped and removed by
/// `stop()`.
public final class TestCluster {
    /// The superuser URL (`sslmode=disable`).
    public let url: String
    public let directory: String

    /// Whether a PostgreSQL server (initdb, pg_ctl) is installed to start one.
    public static var isAvailable: Bool {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.contains {
            FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/pg_ctl")
        }
            || PeerTools.which("pg_ctl") != nil
    }

    /// The repository's `scripts/pg-cluster`.
    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/pg-cluster").path

    /// Starts a cluster on 127.0.0.1 and a free port.
    /// - Throws: `Failure` with pg-cluster's message when it cannot start.
    public init() throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "keepsafe-test-pg-" + UUID().uuidString.prefix(8).lowercased()
            ).path
        let started = try Self.runScript(["start", directory])
        guard started.status == 0 else {
            _ = try? Self.runScript(["stop", directory])
            throw Failure(description: "pg-cluster start failed: \(started.output)")
        }
        url = started.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `pg_ctl restart -m fast`: every session is ended, the server comes back.
    /// - Throws: `Failure` when it does not come back.
    public func restart() throws {
        let restarted = try Self.runScript(["restart", directory])
        guard restarted.status == 0 else {
            throw Failure(description: "pg-cluster restart failed: \(restarted.output)")
        }
    }

    /// Stops the server and removes its folder.
    public func stop() {
        _ = try? Self.runScript(["stop", directory])
    }

    /// Runs pg-cluster with its output in a file, waited for with waitpid: Foundation's
    /// `Process` was seen to miss the exit of this script (left a zombie, waited for
    /// ever), and a pipe could be held open by the server it starts.
    private static func runScript(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "keepsafe-pg-cluster-" + UUID().uuidString + ".out"
        ).path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([Self.script] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, Self.script, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot run \(Self.script): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(description: "waitpid failed: error \(errno)") }
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        // Exited normally: the exit code; killed: 128 + the signal, as a shell reports it.
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, text)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }
}
