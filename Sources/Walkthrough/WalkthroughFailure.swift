/// Why a step failed; the runner adds the file, the line and the screen.
public enum WalkthroughFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// `expect` did not find its text, `expect-not` did, or the screen id differs.
    case expectation(String)
    /// The screen differs from the stored golden snapshot.
    case snapshotMismatch(name: String, diff: String)
    /// A capture name nobody set, or a malformed `{...}`.
    case badCapture(String)
    /// An argument the verb cannot use (a bad size, time or key name).
    case badArgument(String)
    /// The portal or the phone refused the action (no such label, nothing pending...).
    case action(String)

    public var description: String {
        switch self {
        case .expectation(let text), .badCapture(let text), .badArgument(let text), .action(let text):
            return text
        case .snapshotMismatch(let name, let diff):
            return WalkthroughWords.text("snapshotMismatch", ["name": name]) + "\n" + diff
        }
    }
}
