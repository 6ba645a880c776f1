import Dispatch
import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Runs several walkthroughs at once, each on its own thread, and returns their results
/// in the order given.
public enum WalkthroughSuite {
    /// Runs `scripts` in parallel (up to `parallelism` at a time) with the environment
    /// `environment(script)` makes for each.
    /// - Parameter parallelism: at least 1; `nil` means one per script.
    public static func run(
        _ scripts: [Script], parallelism: Int? = nil,
        environment: @escaping @Sendable (Script) throws -> WalkthroughEnvironment
    ) -> [WalkthroughResult] {
        let results = ResultBox(count: scripts.count)
        let width = max(1, min(parallelism ?? scripts.count, max(scripts.count, 1)))
        let next = ResultBox.Counter()
        // `width` workers take the next script until none is left.
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            while let index = next.take(below: scripts.count) {
                let script = scripts[index]
                let result: WalkthroughResult
                do {
                    result = WalkthroughRunner(script: script, environment: try environment(script)).run()
                } catch {
                    result = WalkthroughResult(
                        file: script.file, stepsRun: 0, stepCount: script.steps.count, duration: 0,
                        failure: .init(
                            file: nil, line: 0, step: WalkthroughWords.text("stepSetUp"), reason: "\(error)",
                            screen: []),
                        recording: nil)
                }
                results.set(index, result)
            }
        }
        return results.all()
    }
}

/// Results written from worker threads, read once all are done.
private final class ResultBox: @unchecked Sendable {
    private let lock = Lock()
    private var slots: [WalkthroughResult?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: WalkthroughResult) { lock.withLock { slots[index] = result } }
    func all() -> [WalkthroughResult] { lock.withLock { slots.compactMap { $0 } } }

    /// Hands out 0, 1, 2, ... to the workers, each number once.
    final class Counter: @unchecked Sendable {
        private let lock = Lock()
        private var value = 0
        func take(below limit: Int) -> Int? {
            lock.withLock {
                guard value < limit else { return nil }
                defer { value += 1 }
                return value
            }
        }
    }
}
