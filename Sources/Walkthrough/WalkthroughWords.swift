import KeepsafeFlow

/// What the walkthrough language says to the people who write and run walkthroughs:
/// the `walkthrough.*` texts of strings.json, reworded there like the portal's own.
///
///     WalkthroughWords.text("noMailYet", ["email": email])
enum WalkthroughWords {
    /// The text of `walkthrough.KEY` with each `{name}` replaced by `values[name]`.
    static func text(_ key: String, _ values: [String: String] = [:]) -> String {
        Strings.bundled.format("walkthrough." + key, values)
    }
}
