import ArgumentParser
import KeepsafeBase
import KeepsafeFlow
import KeepsafePostgres
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

/// `keepsafe walkthrough FILE...`: runs walkthrough scripts headless, in parallel.
///
///     keepsafe walkthrough assets/walkthroughs --junit report.xml
struct WalkthroughCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walkthrough",
        abstract: CommandWords.text("abstract.walkthrough"),
        discussion: CommandWords.text("discussion.walkthrough")
    )

    @Argument(help: ArgumentHelp(CommandWords.text("help.walkthrough.files"), valueName: "FILE"))
    var files: [String]

    @Option(
        name: .long,
        help: ArgumentHelp(
            CommandWords.text("help.walkthrough.store"),
            valueName: "DIR|URL"))
    var store: String?

    @Flag(name: .long, help: ArgumentHelp(CommandWords.text("help.walkthrough.screens")))
    var screens = false

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.walkthrough.junit"), valueName: "FILE"))
    var junit: String?

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.walkthrough.record"), valueName: "DIR"))
    var record: String?

    @Flag(name: .long, help: ArgumentHelp(CommandWords.text("help.walkthrough.updateSnapshots")))
    var updateSnapshots = false

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.walkthrough.jobs"), valueName: "N"))
    var jobs: Int?

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw CommandWords.outOfRange("--jobs", 1...256) }
    }

    func run() throws {
        let scripts = try loadScripts()
        let shared = try openSharedStore()
        let update =
            updateSnapshots || ProcessInfo.processInfo.environment["KEEPSAFE_UPDATE_SNAPSHOTS"] == "1"
        let printer = ScreenPrinter(enabled: screens)
        let wantsRecording = record != nil
        let temporaryStores = TemporaryStores()
        let results = WalkthroughSuite.run(scripts, parallelism: jobs) { script in
            let store: any DocumentStore
            if let shared {
                store = shared
            } else {
                store = try temporaryStores.make(for: script.file)
            }
            return WalkthroughEnvironment(
                store: store, makeFactory: { PortalSessionFactory() },
                snapshotDirectory: WalkthroughFiles.snapshotDirectory(for: script.file),
                updateSnapshots: update,
                record: wantsRecording, onScreen: printer.callback(for: script.file))
        }
        try writeOutputs(results)
        let failed = results.filter { !$0.passed }
        for result in results {
            if let report = result.failureReport {
                StandardStream.error(Sanitizer.cleanLines(report) + "\n")
                if let kept = temporaryStores.path(for: result.file) {
                    StandardStream.error(
                        "  " + CommandWords.text("storeKept", ["path": Sanitizer.clean(kept)]) + "\n")
                }
            } else {
                temporaryStores.remove(for: result.file)
            }
            print(Sanitizer.clean(result.summaryLine))
        }
        print(
            CommandWords.text(
                "walkthroughSummary",
                ["passed": "\(results.count - failed.count)", "failed": "\(failed.count)"]))
        if !failed.isEmpty { throw Exit.failed }
    }

    private func loadScripts() throws -> [Script] {
        do {
            let paths = try WalkthroughFiles.expand(files)
            guard !paths.isEmpty else {
                throw fail(
                    CommandWords.text("noWalkFiles", ["files": files.joined(separator: " ")]), Exit.usage)
            }
            return try paths.map { try Script(contentsOf: $0) }
        } catch let error as ScriptError {
            throw fail("\(error)", Exit.usage)
        }
    }

    private func openSharedStore() throws -> (any DocumentStore)? {
        guard let store else { return nil }
        // Walkthroughs move the clock: an existing store must be a sandbox; a missing one
        // is made as one (as every store a walkthrough creates).
        if FileManager.default.fileExists(atPath: store + "/" + Sandbox.storeMarker) {
            return try Sandbox.openForTimeTravel(path: store, option: "--store")
        }
        if PostgresEndpoint.isURL(store) {
            // No folder to look for: a database without the store's tables becomes a
            // sandbox, and whatever is there then must be one.
            _ = try StoreLocation.open(store, createIfMissing: true, initialPolicy: .testing())
            return try Sandbox.openForTimeTravel(path: store, option: "--store")
        }
        do {
            return try StoreLocation.open(store, createIfMissing: true, initialPolicy: .testing())
        }
    }

    private func writeOutputs(_ results: [WalkthroughResult]) throws {
        if let junit {
            do {
                try FileWriting.write(JUnitReport.xml(for: results), to: junit)
            } catch {
                throw fail(CommandWords.text("junitUnwritable", ["error": "\(error)"]), Exit.usage)
            }
        }
        guard let record else { return }
        do {
            try FileWriting.makeDirectories(record)
            for result in results {
                guard let cast = result.recording else { continue }
                try PrivateFile.write(Data(cast.encoded().utf8), to: Path.join(record, result.name + ".cast"))
            }
        } catch {
            throw fail(
                CommandWords.text("recordingsUnwritable", ["path": record, "error": "\(error)"]), Exit.usage)
        }
    }
}

/// The fresh store of each walkthrough when no `--store` is given: kept on failure for
/// a look, removed on success.
private final class TemporaryStores: @unchecked Sendable {
    private let lock = Lock()
    private var paths: [String: String] = [:]

    func make(for file: String) throws -> any DocumentStore {
        let template = Path.join(Path.temporaryDirectory, "keepsafe-walkthrough-XXXXXX")
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw StoreError.io(path: template, operation: "mkdtemp", errno: errno)
        }
        let path = String(cString: made) + "/store"
        lock.withLock { paths[file] = path }
        return try FileStore(path: path, createIfMissing: true, initialPolicy: .testing())
    }

    func path(for file: String) -> String? { lock.withLock { paths[file] } }

    func remove(for file: String) {
        guard let path = path(for: file) else { return }
        try? FileManager.default.removeItem(atPath: Path.parent(path))
    }
}

/// `--screens`: prints each step and the screen after it, one walkthrough at a time.
private final class ScreenPrinter: @unchecked Sendable {
    private let lock = Lock()
    let enabled: Bool
    init(enabled: Bool) { self.enabled = enabled }

    func callback(for file: String) -> ((Step, [String]) -> Void)? {
        guard enabled else { return nil }
        return { [self] step, lines in
            let text =
                "── \(Sanitizer.clean(step.file ?? file)):\(step.line): \(Sanitizer.clean(step.text))\n"
                + lines.map { Sanitizer.clean($0) }.joined(separator: "\n") + "\n"
            lock.withLock { StandardStream.output(text) }
        }
    }
}
