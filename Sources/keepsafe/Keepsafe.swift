import ArgumentParser
import KeepsafeBase
import KeepsafeFlow

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keepsafe`: the portal and its tools.
@main
struct Keepsafe: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "keepsafe",
        abstract: CommandWords.text("abstract.keepsafe"),
        discussion: CommandWords.text("discussion.keepsafe"),
        subcommands: [
            PortalCommand.self,
            PhoneCommand.self,
            QRCommand.self,
            OTPCommand.self,
            WalkthroughCommand.self,
            UsersCommand.self,
            PAMCommand.self,
            EnrollCommand.self,
            StoreCommand.self,
            BenchCommand.self,
            ManualCommand.self,
        ],
        defaultSubcommand: PortalCommand.self
    )

    /// Parses and runs, mapping usage errors to exit 2 with one line on stderr
    /// (PRODUCT.md section 4) instead of the parser's default 64.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Handled here rather than by the parser's `version:` so that subcommands keep
        // their own `--version` option (`keepsafe qr --version N`) without a second,
        // unrelated `--version` in their help.
        if arguments == ["--version"] {
            print(version)
            return
        }
        if [["--help"], ["-h"], ["help"]].contains(arguments) {
            print(rootHelp())
            return
        }
        switch ArgumentRouting.route(arguments) {
        case .unknownCommand(let word, let parent, let known):
            usageError(ArgumentRouting.unknownCommandMessage(word: word, parent: parent, known: known))
        case .parse(let routed, let movedStore):
            run(routed, movedStore: movedStore)
        }
    }

    private static func run(_ arguments: [String], movedStore: Bool) {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let first =
                    message(for: error).split(separator: "\n").first.map(String.init)
                    ?? CommandWords.text("badUsage")
                if movedStore, first.contains("--store") {
                    let name = arguments.first ?? CommandWords.text("thisCommand")
                    usageError(CommandWords.text("takesNoStore", ["command": name]))
                }
                usageError(CommandWords.text("seeHelp", ["message": first]))
            }
            let code = exitCode(for: error)
            let text = message(for: error)
            // An exit code alone (the line was written by `fail`) or help: as the parser does.
            if code == .success || error is ExitCode || text.isEmpty { exit(withError: error) }
            // Anything else the parser or a command reports may quote what was typed.
            StandardStream.error("keepsafe: \(Sanitizer.line(text))\n")
            exit(withError: code)
        }
    }

    /// One line on stderr, exit 2; the line often quotes what was typed, so it goes
    /// through the one sanitizer.
    private static func usageError(_ line: String) -> Never {
        StandardStream.error("keepsafe: \(Sanitizer.line(line))\n")
        exit(withError: Exit.usage)
    }

    /// The parser's help for `keepsafe`, then the portal's options (it is the default
    /// command), the environment variables and the exit codes.
    static func rootHelp() -> String {
        var text = helpMessage(columns: 100)
        while text.hasSuffix("\n") { text.removeLast() }
        let environment = CommandReference.helpSection(
            CommandWords.text("rootHelp.environment"), CommandReference.environment)
        let exitCodes = CommandReference.helpSection(
            CommandWords.text("rootHelp.exitCodes"), CommandReference.exitCodes)
        return text + "\n\n" + CommandWords.text("rootHelp.portalOptions") + "\n"
            + CommandReference.portalOptions() + "\n\n" + environment + "\n" + exitCodes
    }
}
