import Foundation
import KeepsafeStore
import TestSupport
import Testing

/// Several processes on one store, through the test-only `keepsafe-store-torture`.
@Suite("FileStore: many processes")
struct ProcessConcurrencyTests {
    /// Starts `count` torture processes with `arguments(i)` and waits for all of them.
    private func runAll(_ count: Int, _ arguments: (Int) -> [String]) throws -> [(
        status: Int32, output: String
    )] {
        var running: [(Process, Pipe, Pipe)] = []
        for index in 0..<count {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Torture.path)
            process.arguments = arguments(index)
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            running.append((process, out, err))
        }
        return running.map { process, out, err in
            let output = out.fileHandleForReading.readDataToEndOfFile()
            let errors = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: output + errors, as: UTF8.self))
        }
    }

    /// A start time a moment ahead, so the processes begin together.
    private var startSoon: String { String(Date().timeIntervalSince1970 + 1.0) }

    @Test("8 processes × 200 transactions: every update is kept")
    func counters() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Fixtures.account("shared@example.com"))
        let start = startSoon
        let results = try runAll(8) { ["transactions", fixture.path, "\($0)", "200", start] }
        for result in results { #expect(result.status == 0, "\(result.output)") }
        #expect(try store.read(Account.self, key: "shared@example.com")?.failedLogins == 1_600)
        for worker in 0..<8 {
            #expect(try store.read(Account.self, key: "worker-\(worker)@example.com")?.failedLogins == 200)
        }
        #expect(try store.keys(of: Account.self).count == 9)
        #expect(!fixture.allFiles().contains { $0.contains(".tmp.") })
    }

    @Test("8 processes create the same account: exactly one wins")
    func uniqueCreate() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        _ = try fixture.open()
        let start = startSoon
        let results = try runAll(8) { _ in ["create", fixture.path, "race@example.com", start] }
        let winners = results.filter { $0.status == 0 && $0.output == "created\n" }
        let losers = results.filter { $0.status == 4 && $0.output == "already exists\n" }
        #expect(winners.count == 1, "\(results)")
        #expect(losers.count == 7, "\(results)")
        #expect(try fixture.open().keys(of: Account.self) == ["race@example.com"])
    }

    @Test("8 processes open a missing store at once: one store, no error")
    func concurrentCreation() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let start = startSoon
        let results = try runAll(8) {
            "create \(fixture.path) user\($0)@example.com \(start)".components(separatedBy: " ")
        }
        for result in results { #expect(result.status == 0, "\(result.output)") }
        let store = try fixture.open()
        #expect(try store.keys(of: Account.self).count == 8)
        #expect(try store.policy() == .testing())
    }
}
