import ArgumentParser
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--theme`, `--plain` and `--record`: how the portal and the phone are shown.
struct DisplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp(CommandWords.text("help.displayOptions.theme"), valueName: "THEME"))
    var theme: String = "auto"

    @Flag(help: ArgumentHelp(CommandWords.text("help.displayOptions.plain")))
    var plain = false

    @Option(help: ArgumentHelp(CommandWords.text("help.displayOptions.record"), valueName: "FILE.cast"))
    var record: String?

    /// The `--theme` value.
    /// - Throws: exit 2 with one line naming the choices.
    func themeChoice() throws -> ThemeChoice {
        guard let choice = ThemeChoice(rawValue: theme.lowercased()) else {
            throw fail(CommandWords.text("badTheme", ["theme": theme]), Exit.usage)
        }
        return choice
    }

    /// The full-screen interface needs a terminal on stdin and stdout (`--plain` does not).
    /// - Throws: exit 2 with `TerminalError.notATerminal`'s line.
    func requireTerminal() throws {
        if !plain && (isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1) {
            throw fail(TerminalError.notATerminal.description, Exit.usage)
        }
    }
}
