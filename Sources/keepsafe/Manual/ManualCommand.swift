import ArgumentParser

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keepsafe manual`: the keepsafe(1) manual page in mdoc, written from the command
/// definitions themselves (the parser's own description of every command, option and
/// argument), plus the environment, files and exit codes of `CommandReference`.
/// `make install` writes it to share/man/man1/keepsafe.1.
///
///     keepsafe manual > keepsafe.1 && man -l keepsafe.1
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: CommandWords.text("abstract.manual"),
        shouldDisplay: false
    )

    @Option(help: ArgumentHelp(CommandWords.text("help.manual.date"), valueName: "TEXT"))
    var date: String?

    func run() throws {
        let tree: ToolInfo
        do {
            tree = try Self.commandTree()
        } catch {
            throw fail("manual: cannot read the command definitions: \(error)", Exit.failed)
        }
        print(ManualPage(root: tree.command, date: date ?? Self.defaultDate()).render(), terminator: "")
    }

    /// The parser's JSON description of every command, as `--experimental-dump-help` prints it.
    static func commandTree() throws -> ToolInfo {
        var dump = ""
        do {
            _ = try Keepsafe.parseAsRoot(["--experimental-dump-help"])
        } catch {
            dump = Keepsafe.message(for: error)
        }
        return try JSONDecoder().decode(ToolInfo.self, from: Data(dump.utf8))
    }

    /// `December 1, 2026`, from `SOURCE_DATE_EPOCH` (reproducible builds) or the clock.
    static func defaultDate() -> String {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) ?? Date().timeIntervalSince1970
        let day = Int((seconds / 86400).rounded(.down))
        let (year, month, dayOfMonth) = civilDate(daysSinceEpoch: day)
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return "\(months[month - 1]) \(dayOfMonth), \(year)"
    }

    /// Gregorian year, month and day of a day count since 1970-01-01 (Howard Hinnant's
    /// days-to-civil algorithm).
    static func civilDate(daysSinceEpoch: Int) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// The part of the parser's command description the manual uses.
struct ToolInfo: Decodable {
    var command: Command

    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var shouldDisplay: Bool?
        var defaultSubcommand: String?
        var subcommands: [Command]?
        var arguments: [Argument]?
    }

    struct Argument: Decodable {
        var kind: String
        var names: [Name]?
        var valueName: String?
        var abstract: String?
        var discussion: String?
        var isOptional: Bool?
        var isRepeating: Bool?
        var shouldDisplay: Bool?
        var defaultValue: String?
    }

    struct Name: Decodable {
        var kind: String
        var name: String
    }
}
