import ArgumentParser
import KeepsafeFlow

/// What the commands say on stdout and stderr, and their help (`cli.abstract.*`,
/// `cli.discussion.*`, `cli.help.*`): the `cli.*` texts of strings.json.
///
///     throw fail(CommandWords.text("noAccount", ["email": shown]), Exit.usage)
///     @Flag(help: ArgumentHelp(CommandWords.text("help.users.show.json"))) var json = false
enum CommandWords {
    /// The text of `cli.KEY` with each `{name}` replaced by `values[name]`.
    static func text(_ key: String, _ values: [String: String] = [:]) -> String {
        Strings.bundled.format("cli." + key, values)
    }

    /// `--jobs must be 1 to 256`: a usage error for an option outside `range`.
    static func outOfRange(_ option: String, _ range: ClosedRange<Int>) -> ValidationError {
        ValidationError(
            CommandWords.text(
                "optionRange",
                ["option": option, "low": "\(range.lowerBound)", "high": "\(range.upperBound)"]))
    }
}
