import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KeepsafeBase

/// `keepsafe`: the portal and its tools.
@main
struct Keepsafe: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "keepsafe",
        abstract: "Run the \"Keep Your Account Safe\" MFA enrollment portal in a terminal.",
        discussion: """
            With no subcommand, keepsafe opens the portal. The other commands are the \
            simulated phone, QR and one-time-password tools, headless walkthroughs for QA, \
            store administration and benchmarks. `keepsafe --version` prints the version.
            """,
        subcommands: [
            PortalCommand.self,
            PhoneCommand.self,
            QRCommand.self,
            OTPCommand.self,
            WalkthroughCommand.self,
            UsersCommand.self,
            StoreCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: PortalCommand.self
    )

    /// Parses and runs, mapping usage errors to exit 2 with one line on stderr
    /// (PRODUCT.md section 4) instead of the parser's default 64.
    static func main() {
        // Handled here rather than by the parser's `version:` so that subcommands keep
        // their own `--version` option (`keepsafe qr --version N`) without a second,
        // unrelated `--version` in their help.
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            print(version)
            return
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let first = message(for: error).split(separator: "\n").first.map(String.init) ?? "bad usage"
                StandardStream.error("keepsafe: \(first) (see --help)\n")
                exit(withError: Exit.usage)
            }
            exit(withError: error)
        }
    }
}
