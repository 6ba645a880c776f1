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

    @Test("an unknown option is a usage error, exit 64 from the parser or 2")
    func unknownOption() throws {
        let result = try BuiltProducts.runKeepsafe(["otp", "--no-such-flag"])
        #expect(result.status != 0)
        #expect(!result.stderr.isEmpty)
    }
}
