import Foundation
import KeepsafeStore
import TestSupport
import Testing
import Walkthrough

/// Every walkthrough in `assets/walkthroughs`, run against the real portal.
@Suite("walkthrough files")
struct WalkthroughSuiteTests {
    /// `assets/walkthroughs`, found from this file's place in the repository.
    static let folder: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("assets/walkthroughs").path
    }()

    /// The `.walk` file names, sorted (empty if the folder is missing: `atLeastForty` fails then).
    static let files: [String] =
        (try? WalkthroughFiles.expand([folder]))?.map {
            ($0 as NSString).lastPathComponent
        } ?? []

    static var updateSnapshots: Bool {
        ProcessInfo.processInfo.environment["KEEPSAFE_UPDATE_SNAPSHOTS"] == "1"
    }

    static func environment(store: any DocumentStore) -> WalkthroughEnvironment {
        WalkthroughEnvironment(
            store: store, makeFactory: { PortalSessionFactory() },
            snapshotDirectory: (folder as NSString).appendingPathComponent("snapshots"),
            updateSnapshots: updateSnapshots)
    }

    @Test("there is one walkthrough per flow and error path: at least 40")
    func atLeastForty() {
        #expect(Self.files.count >= 40, "found \(Self.files.count) in \(Self.folder)")
        for flow in 1...10 {
            #expect(Self.files.contains { $0.hasPrefix("f\(flow)-") }, "no walkthrough for F\(flow)")
        }
    }

    @Test("walkthrough passes", arguments: files)
    func runs(file: String) throws {
        let script = try Script(contentsOf: (Self.folder as NSString).appendingPathComponent(file))
        let result = WalkthroughRunner(
            script: script, environment: Self.environment(store: InMemoryStore(policy: .testing()))
        ).run()
        #expect(result.passed, "\(result.failureReport ?? "")")
        #expect(result.stepsRun == script.steps.count)
    }

    @Test("16 walkthroughs in parallel against one file store pass and leave it clean")
    func sixteenOnOneStore() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileStore(path: directory.file("store"), initialPolicy: .testing())
        let chosen = Array(Self.files.prefix(16))
        try #require(chosen.count == 16)
        let scripts = try chosen.map {
            try Script(contentsOf: (Self.folder as NSString).appendingPathComponent($0))
        }
        let results = WalkthroughSuite.run(scripts, parallelism: 16) { _ in
            var environment = Self.environment(store: store)
            environment.updateSnapshots = false
            return environment
        }
        #expect(results.count == 16)
        for result in results {
            #expect(result.passed, "\(result.failureReport ?? "")")
        }
        let problems = try StoreCheck(store: store).run()
        #expect(problems.isEmpty, "\(problems)")
        #expect(try store.list(Account.self).count >= 16)
    }
}
