import Foundation
import KeepsafePostgres
import KeepsafeStore

/// `keepsafe bench store --store postgres://...`: one durable account change (a
/// transaction that locks, reads and rewrites one account) against the server's own
/// floor, a single-row UPDATE run by `pgbench -f` on the same server, in stores of N
/// accounts. Each size gets a scratch schema, dropped afterwards.
struct PostgresStoreBench {
    let url: String
    let sizes: [Int]
    let samples: Int
    let progress: (String) -> Void

    struct Figures: Encodable {
        var accounts: Int
        var populateSeconds: Double
        var floorMeanMs: Double
        var changeMeanMs: Double
        var changeMedianMs: Double
        var changeOverFloor: Double
    }

    func run() throws -> [Figures] {
        let base = try PostgresEndpoint(url: url)
        var environment = ProcessInfo.processInfo.environment
        environment["PGHOST"] = base.host
        environment["PGPORT"] = "\(base.port)"
        environment["PGUSER"] = base.user
        environment["PGDATABASE"] = base.database
        environment["PGSSLMODE"] = base.sslMode.rawValue
        if let password = base.password { environment["PGPASSWORD"] = password }
        var results: [Figures] = []
        for size in sizes {
            let schema = "keepsafe_bench_\(size)_\(getpid())"
            let storeURL = url + (url.contains("?") ? "&" : "?") + "schema=" + schema
            defer {
                _ = try? Self.tool(
                    "psql", ["-X", "-q", "-c", "DROP SCHEMA IF EXISTS \(schema) CASCADE"], environment)
            }
            let store = try PostgresStore(url: storeURL, initialPolicy: .testing())
            let started = Date()
            try store.create(Company(id: "bench", name: "Bench", createdAt: Date()))
            for batch in stride(from: 0, to: size, by: 2_000) {
                try store.transaction { tx in
                    for index in batch..<min(size, batch + 2_000) { try tx.save(BenchStore.account(index)) }
                }
            }
            _ = try Self.tool(
                "psql",
                [
                    "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                    "CREATE TABLE \(schema).floor (id int PRIMARY KEY, n int NOT NULL); "
                        + "INSERT INTO \(schema).floor SELECT g, 0 FROM generate_series(1, \(size)) g; ANALYZE \(schema).floor",
                ], environment)
            let populate = Date().timeIntervalSince(started)
            progress(
                CommandWords.text(
                    "bench.store.filledDatabase",
                    ["accounts": "\(size)", "seconds": String(format: "%.1f", populate)]))
            let script = NSTemporaryDirectory() + "/keepsafe-bench-\(getpid()).sql"
            try "\\set id random(1, \(size))\nUPDATE \(schema).floor SET n = n + 1 WHERE id = :id;\n".write(
                toFile: script, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: script) }
            let pgbench = try Self.tool(
                "pgbench", ["-n", "-c", "1", "-t", "\(samples)", "-f", script], environment)
            guard
                let line = pgbench.split(separator: "\n").first(where: { $0.contains("latency average") }),
                let floor = line.split(separator: " ").compactMap({ Double($0) }).first
            else {
                throw StoreError.database(
                    store: store.location, reason: CommandWords.text("bench.store.noLatency"))
            }
            var changes: [Double] = []
            for round in 0..<(samples + 20) {
                let key = BenchStore.account(Int.random(in: 0..<size)).email
                let begun = DispatchTime.now()
                try store.update(Account.self, key: key) { $0?.failedLogins += 1 }
                let ms = Double(DispatchTime.now().uptimeNanoseconds - begun.uptimeNanoseconds) / 1e6
                if round >= 20 { changes.append(ms) }
            }
            let mean = changes.reduce(0, +) / Double(changes.count)
            let median = changes.sorted()[changes.count / 2]
            results.append(
                Figures(
                    accounts: size, populateSeconds: populate, floorMeanMs: floor, changeMeanMs: mean,
                    changeMedianMs: median, changeOverFloor: mean / floor))
        }
        return results
    }

    /// Runs a libpq tool with the connection in its environment (never on its command line).
    private static func tool(_ name: String, _ arguments: [String], _ environment: [String: String]) throws
        -> String
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw StoreError.database(
                store: "bench",
                reason: "\(name) failed: " + text.split(separator: "\n").joined(separator: " "))
        }
        return text
    }
}
