import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The outcome of one walkthrough file.
public struct WalkthroughResult: Sendable {
    /// Where a run stopped.
    public struct StepFailure: Sendable {
        /// The file holding the failing step (an included file, or the script itself).
        public var file: String?
        public var line: Int
        /// The step as written.
        public var step: String
        public var reason: String
        /// The text rendering of the screen at that moment.
        public var screen: [String]
    }

    /// The file as given on the command line.
    public var file: String
    /// How many steps ran, including a failing one.
    public var stepsRun: Int
    public var stepCount: Int
    /// Wall-clock seconds the run took.
    public var duration: TimeInterval
    public var failure: StepFailure?
    /// Every screen shown, for `--record`.
    public var recording: Asciicast?

    public var passed: Bool { failure == nil }

    /// The file name without folders and extension, used as the test-case name.
    public var name: String {
        let stem = Path.stem(file)
        return stem.isEmpty ? Path.lastComponent(file) : stem
    }

    /// `PASS FILE (39 steps, 0.12 s)`, or `FAIL FILE (step 39 of 39 failed, 0.12 s)`:
    /// a failed run never reads as if all its steps had passed.
    public var summaryLine: String {
        let seconds = formatted("%.2f s", duration)
        guard let failure else {
            return WalkthroughWords.text("pass", ["file": file, "count": "\(stepCount)", "seconds": seconds])
        }
        let step =
            failure.line == 0
            ? WalkthroughWords.text("setUpFailed")
            : WalkthroughWords.text("stepOfFailed", ["run": "\(stepsRun)", "count": "\(stepCount)"])
        return WalkthroughWords.text("fail", ["file": file, "step": step, "seconds": seconds])
    }

    /// `FILE:LINE: step failed: <why>` followed by the screen, or `nil` when it passed.
    public var failureReport: String? {
        guard let failure else { return nil }
        var lines = [
            "\(failure.file ?? file):\(failure.line): " + WalkthroughWords.text("stepFailed") + " "
                + failure.reason
        ]
        if let included = failure.file, included != file {
            lines.append("  " + WalkthroughWords.text("includedFrom", ["file": file]))
        }
        lines.append("  " + WalkthroughWords.text("step") + " " + failure.step)
        lines.append("  " + WalkthroughWords.text("screen"))
        lines += failure.screen.map { "  | " + $0 }
        return lines.joined(separator: "\n")
    }
}
