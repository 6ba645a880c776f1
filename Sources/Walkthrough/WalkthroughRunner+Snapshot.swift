import KeepsafeBase
import KeepsafeFlow

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension WalkthroughRunner {
    /// The deterministic text of the current screen for golden files: the QR modules,
    /// manual keys and code blocks masked by the renderer, then every secret captured so
    /// far (TOTP and SMS codes, captured recovery codes) replaced by `{name}`.
    func snapshotText() -> String {
        var text =
            currentLines(options: TextRenderer.Options(maskSecrets: true)).joined(separator: "\n") + "\n"
        for secret in secrets.sorted(by: { $0.value.count > $1.value.count }) {
            text = text.replacing(secret.value, with: "{\(secret.name)}")
        }
        return text
    }

    /// Compares (or, when updating, writes) `snapshots/NAME.txt`.
    /// - Throws: `WalkthroughFailure.snapshotMismatch` with the first differing lines.
    func snapshot(named name: String) throws {
        try StepArguments.snapshotName(name)
        let path = Path.join(environment.snapshotDirectory, name + ".txt")
        let actual = snapshotText()
        if environment.updateSnapshots {
            guard !path.hasPrefix("bundled:") else {
                throw WalkthroughFailure.action(
                    WalkthroughWords.text("bundledSnapshots"))
            }
            do {
                try FileWriting.makeDirectories(environment.snapshotDirectory)
                try FileWriting.write(actual, to: path)
            } catch {
                throw WalkthroughFailure.action("snapshot \(name): \(error)")
            }
            return
        }
        guard let expected = WalkthroughFiles.read(path) else {
            throw WalkthroughFailure.snapshotMismatch(
                name: name, diff: WalkthroughWords.text("noGoldenFile", ["path": path]))
        }
        guard expected != actual else { return }
        throw WalkthroughFailure.snapshotMismatch(
            name: name, diff: Self.diff(expected: expected, actual: actual))
    }

    /// A short line diff: every differing line as `-expected` / `+actual`, at most 12.
    static func diff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for index in 0..<max(old.count, new.count) where out.count < 24 {
            let left = index < old.count ? String(old[index]) : nil
            let right = index < new.count ? String(new[index]) : nil
            guard left != right else { continue }
            if let left { out.append("  line \(index + 1) -\(left)") }
            if let right { out.append("  line \(index + 1) +\(right)") }
        }
        return out.joined(separator: "\n")
    }
}
