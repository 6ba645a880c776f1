import Foundation
import TestSupport
import Testing

@Suite("keepsafe command line")
struct CommandLineTests {
    @Test("--version prints the version and exits 0")
    func version() throws {
        let result = try BuiltProducts.runKeepsafe(["--version"])
        #expect(result.status == 0)
        #expect(
            result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test(
        "--help names every command",
        arguments: ["phone", "qr", "otp", "walkthrough", "users", "store", "bench"])
    func helpListsCommands(command: String) throws {
        let result = try BuiltProducts.runKeepsafe(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(command))
        let sub = try BuiltProducts.runKeepsafe([command, "--help"])
        #expect(sub.status == 0, "\(command) --help: \(sub.stderr)")
    }

    @Test(
        "an unknown option or argument is a usage error: exit 2, one stderr line naming it",
        arguments: [["otp", "--no-such-flag"], ["--no-such-flag"], ["qr"], ["users", "show"]])
    func usageError(arguments: [String]) throws {
        let result = try BuiltProducts.runKeepsafe(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("keepsafe: "))
    }

    @Test("--version prints the version alone; a subcommand keeps its own --version option")
    func versionOption() throws {
        let help = try BuiltProducts.runKeepsafe(["qr", "--help"])
        #expect(help.stdout.components(separatedBy: "--version").count - 1 == 2)  // usage line + option
        #expect(!help.stdout.contains("Show the version"))
    }
}
