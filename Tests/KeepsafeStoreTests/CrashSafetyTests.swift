import Foundation
import KeepsafeStore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A writer killed with SIGKILL at random moments never leaves a torn document.
@Suite("FileStore: SIGKILL at random moments")
struct CrashSafetyTests {
    @Test("200 kills: every document parses and holds the last or the next generation; the check is clean")
    func killedWriter() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try fixture.open().create(Company(id: "acme", name: "Acme", createdAt: Fixtures.instant))
        var lastGeneration = 0
        var killsAfterProgress = 0
        for round in 0..<200 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Torture.path)
            process.arguments = ["write-loop", fixture.path]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // One round in ten is killed at a random moment of start-up (opening the store
            // cleans temp files); the others once the writer has finished a generation, so
            // the kill lands among writes.
            var printed = Data()
            let midLoop = round % 10 != 0
            if midLoop {
                while !printed.contains(0x0A) {
                    let chunk = out.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    printed.append(chunk)
                }
            }
            usleep(UInt32.random(in: midLoop ? 0...20_000 : 0...60_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(
                process.terminationReason == .uncaughtSignal, "round \(round): the writer exited by itself")
            printed.append(out.fileHandleForReading.readDataToEndOfFile())
            let lines = String(decoding: printed, as: UTF8.self).split(separator: "\n")
            let printedGeneration = lines.last.flatMap { Int($0) }
            if printedGeneration != nil { killsAfterProgress += 1 }
            // The last generation known finished: printed by this writer, else the last one seen.
            let committed = printedGeneration ?? lastGeneration

            let store = try fixture.open()
            if let account = try store.read(Account.self, key: "crash@example.com") {
                // The document is whole: its fields agree with each other...
                #expect(account.displayName == "generation \(account.failedLogins)")
                #expect(account.smsSentAt.count == account.failedLogins % 40)
                // ...and it is the last finished generation or the one in flight.
                #expect([committed, committed + 1].contains(account.failedLogins), "round \(round)")
                lastGeneration = account.failedLogins
            } else {
                #expect(committed == 0, "round \(round): the account vanished")
            }
            _ = try store.read(Invitation.self, key: "invitee@example.com")
            _ = try store.auditLog()
            let problems = try StoreCheck(store: store).run()
            #expect(problems.isEmpty, "round \(round): \(problems)")
            if !problems.isEmpty { break }
        }
        #expect(lastGeneration > 0)
        #expect(killsAfterProgress >= 180, "the writer did not get going before most kills")
        #expect(!fixture.allFiles().contains { $0.contains(".tmp.") })
    }
}
