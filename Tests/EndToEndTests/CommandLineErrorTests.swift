import Foundation
import TestSupport
import Testing

/// The command line as issue 15 asks: where --store goes, unknown commands, help that
/// names the portal's options and the environment, --clock with a negative offset, and
/// one-line errors for bad input.
@Suite("command line: errors and help")
struct CommandLineErrorTests {
    /// The stderr lines of a run, without empty ones.
    static func lines(_ result: Subprocess.Result) -> [Substring] {
        result.stderr.split(separator: "\n").filter { !$0.isEmpty }
    }

    @Test("an unknown command is named, the commands are listed, exit 2, one line")
    func unknownCommand() throws {
        let result = try BuiltProducts.runKeepsafe(["frobnicate"])
        #expect(result.status == 2)
        #expect(Self.lines(result).count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("keepsafe: unknown command 'frobnicate'"))
        for command in ["portal", "phone", "qr", "otp", "walkthrough", "users", "store", "bench"] {
            #expect(result.stderr.contains(command), "\(command) is not listed: \(result.stderr)")
        }
        #expect(!result.stderr.contains("manual"), "the hidden manual command is not offered")
    }

    @Test("a near miss gets a suggestion, also for a nested command")
    func suggestion() throws {
        let top = try BuiltProducts.runKeepsafe(["usrs", "list"])
        #expect(top.status == 2)
        #expect(top.stderr.contains("did you mean 'users'?"), "\(top.stderr)")
        let nested = try BuiltProducts.runKeepsafe(["users", "lst"])
        #expect(nested.status == 2)
        #expect(nested.stderr.contains("unknown command 'users lst'"), "\(nested.stderr)")
        #expect(nested.stderr.contains("did you mean 'list'?"), "\(nested.stderr)")
    }

    @Test("--store before the command works like --store after it")
    func storeBeforeCommand() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = directory.file("store")
        // users list only reads: it never makes a store (issue 10), so make one first.
        #expect(try BuiltProducts.runKeepsafe(["store", "init", store]).status == 0)
        let before = try BuiltProducts.runKeepsafe(["--store", store, "users", "list"])
        #expect(before.status == 0, "\(before.stderr)")
        let after = try BuiltProducts.runKeepsafe(["users", "list", "--store", store])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(before.stdout == after.stdout)
        let equals = try BuiltProducts.runKeepsafe(["--store=" + store, "store", "check"])
        #expect(equals.status == 0, "\(equals.stderr)")
    }

    @Test("--store before a command that opens no store: one line saying so")
    func storeWhereNotTaken() throws {
        let result = try BuiltProducts.runKeepsafe(["--store", "/tmp/x", "qr", "hello"])
        #expect(result.status == 2)
        #expect(Self.lines(result) == ["keepsafe: 'qr' does not open a store, so it takes no --store"])
    }

    @Test("--help names the portal's options, the environment variables and the exit codes")
    func rootHelp() throws {
        let result = try BuiltProducts.runKeepsafe(["--help"])
        #expect(result.status == 0)
        for option in [
            "--store", "--device", "--clock", "--theme", "--plain", "--record", "--brand", "--with-phone",
        ] {
            #expect(result.stdout.contains(option), "\(option) missing from --help")
        }
        for variable in ["KEEPSAFE_STORE", "XDG_DATA_HOME", "XDG_STATE_HOME", "NO_COLOR", "TERM"] {
            #expect(result.stdout.contains(variable), "\(variable) missing from --help")
        }
        #expect(result.stdout.contains("EXIT CODES"))
    }

    @Test(
        "--clock -2h is a value, not an unknown option", arguments: ["-2h", "+16m", "2026-05-01T09:00:00Z"])
    func negativeClock(clock: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // Time travel needs a sandbox store (issue 11).
        let made = try BuiltProducts.runKeepsafe(["store", "init", "--sandbox", directory.file("store")])
        #expect(made.status == 0, "\(made.stderr)")
        let result = try BuiltProducts.runKeepsafe(
            ["--store", directory.file("store"), "--clock", clock, "--plain"], stdin: Data("q\n".utf8),
            environment: ["XDG_STATE_HOME": directory.file("state"), "TERM": "dumb"])
        #expect(result.status == 0, "\(clock): \(result.stderr)")
        #expect(result.stdout.contains("Log in"), "\(clock): \(result.stdout)")
    }

    @Test("an unwritable state folder is one line naming it, not a Foundation error dump")
    func unwritableStateFolder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A folder under a regular file cannot be made, even by root.
        _ = FileManager.default.createFile(atPath: directory.file("file"), contents: Data())
        let result = try BuiltProducts.runKeepsafe(
            ["--store", directory.file("store"), "--plain"], stdin: Data("q\n".utf8),
            environment: ["XDG_STATE_HOME": directory.file("file") + "/state", "TERM": "dumb"])
        #expect(result.status == 3)
        #expect(Self.lines(result) == ["keepsafe: cannot write \(directory.file("file")): not a directory"])
        #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("Error Domain"))
    }

    @Test(
        "a state folder without write permission: cannot write PATH: permission denied",
        .enabled(if: getuid() != 0 || PeerTools.which("setpriv") != nil))
    func permissionDenied() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        chmod(directory.path, 0o777)
        let state = directory.file("state")
        mkdir(state, 0o555)
        chmod(state, 0o555)
        // A copy beside the test, since the build folder may be closed to other users.
        let binary = directory.file("keepsafe")
        try FileManager.default.copyItem(atPath: BuiltProducts.keepsafe, toPath: binary)
        var command = [binary, "--store", directory.file("store"), "--plain"]
        if getuid() == 0, let setpriv = PeerTools.which("setpriv") {
            // Root ignores permissions: run as nobody.
            command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] + command
        }
        let result = try Subprocess.run(
            command[0], Array(command.dropFirst()), stdin: Data("q\n".utf8),
            environment: ["XDG_STATE_HOME": state, "HOME": directory.path, "TERM": "dumb"])
        #expect(result.status == 3)
        #expect(Self.lines(result) == ["keepsafe: cannot write \(state)/keepsafe: permission denied"])
    }

    @Test("phone inbox with a national number says to use E.164")
    func nationalNumber() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try BuiltProducts.runKeepsafe([
            "phone", "inbox", "07700900123", "--store", directory.file("s"),
        ])
        #expect(result.status == 2)
        #expect(Self.lines(result).count == 1, "\(result.stderr)")
        #expect(
            result.stderr.contains("E.164") && result.stderr.contains("+447700900123"), "\(result.stderr)")
    }

    @Test(
        "bad input never prints a backtrace",
        arguments: [
            ["otp", "otpauth://totp/x?secret=!!!"], ["qr", "--version", "99", "x"],
            ["--theme", "plaid", "--plain"],
            ["walkthrough", "/no/such/file.walk"],
            ["users", "show", "nobody@example.com", "--store", "/dev/null"],
        ])
    func noBacktrace(arguments: [String]) throws {
        let result = try BuiltProducts.runKeepsafe(arguments, stdin: Data())
        #expect(result.status != 0 && result.status < 64, "\(arguments): \(result.status)")
        #expect(Self.lines(result).count == 1, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("backtrace"))
    }
}
