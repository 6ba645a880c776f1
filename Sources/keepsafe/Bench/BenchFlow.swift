import ArgumentParser
import KeepsafeBase
import KeepsafeStore
import Walkthrough

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `keepsafe bench flow`: walkthrough steps per second for the TOTP enrollment
/// walkthrough, against an in-memory (or file) store with the test-cost password policy.
struct BenchFlow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flow",
        abstract: CommandWords.text("abstract.bench.flow")
    )

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.bench.flow.runs")))
    var runs = 200

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.bench.flow.file"), valueName: "FILE"))
    var file: String?

    @Flag(name: .long, help: ArgumentHelp(CommandWords.text("help.bench.flow.fileStore")))
    var fileStore = false

    static let defaultWalkthrough = "f3-enroll-totp.walk"

    func validate() throws {
        guard (1...1_000_000).contains(runs) else { throw CommandWords.outOfRange("--runs", 1...1_000_000) }
    }

    func run() throws {
        let path: String
        if let file {
            path = file
        } else {
            path = Path.join(WalkthroughFiles.bundledRoot, Self.defaultWalkthrough)
        }
        let script: Script
        do {
            script = try Script(contentsOf: path)
        } catch {
            throw fail("\(error)", Exit.usage)
        }
        let folder = Path.join(Path.temporaryDirectory, "keepsafe-bench-flow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var steps = 0
        var perRun: [Double] = []
        // Run 0 is a warm-up (it loads the bundled strings, countries and password
        // list once for the process) and is not counted.
        for index in 0...runs {
            let store: any DocumentStore
            do {
                store =
                    fileStore
                    ? try FileStore(path: folder + "/\(index)", initialPolicy: .testing())
                    : InMemoryStore(policy: .testing())
            } catch {
                throw fail("\(error)", Exit.store)
            }
            let environment = WalkthroughEnvironment(
                store: store, makeFactory: { PortalSessionFactory() },
                snapshotDirectory: WalkthroughFiles.snapshotDirectory(for: path))
            let result = WalkthroughRunner(script: script, environment: environment).run()
            if let report = result.failureReport {
                throw fail(
                    CommandWords.text(
                        "bench.flow.failed", ["reason": String(report.split(separator: "\n")[0])]),
                    Exit.failed)
            }
            guard index > 0 else { continue }
            steps += result.stepsRun
            perRun.append(result.duration)
        }
        let total = perRun.reduce(0, +)
        let sorted = perRun.sorted()
        let median = sorted[sorted.count / 2]
        print(
            CommandWords.text(
                "bench.flow.walkthrough",
                ["file": Path.lastComponent(path), "steps": "\(script.steps.count)"]))
        print(
            CommandWords.text(
                "bench.flow.store",
                ["store": CommandWords.text(fileStore ? "bench.flow.fileStore" : "bench.flow.memoryStore")]))
        print(
            CommandWords.text(
                "bench.flow.runs",
                ["runs": "\(runs)", "steps": "\(steps)", "total": formatted("%.3f", total)]))
        print(CommandWords.text("bench.flow.rate", ["rate": formatted("%.0f", Double(steps) / total)]))
        print(CommandWords.text("bench.flow.median", ["median": formatted("%.2f", median * 1000)]))
    }
}
