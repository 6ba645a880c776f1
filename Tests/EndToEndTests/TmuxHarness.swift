import Foundation
import TestSupport

/// A private tmux server running one command in one pane, for tests that drive the built
/// `keepsafe` like a person: `send-keys` in, `capture-pane` out.
final class TmuxHarness {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let socket: String
    private(set) var width: Int
    private(set) var height: Int

    /// Starts `command` (argv, run through `env`) in a new detached session.
    /// The line the wrapper shell prints when the program ends: `KEEPSAFE-EXIT=<status>`.
    static let exitMarker = "KEEPSAFE-EXIT="

    /// `prelude` is shell text run before the program (it must end with `;` or newline).
    init(width: Int, height: Int, command: [String], environment: [String: String], prelude: String = "")
        throws
    {
        socket = "keepsafe-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        self.width = width
        self.height = height
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        // The program runs under a shell that reports its exit status on screen: more
        // dependable under load than tmux's dead-pane state.
        let wrapped = ["sh", "-c", prelude + "\"$0\" \"$@\"; echo \(Self.exitMarker)$?; sleep 600"] + command
        let shellCommand = (["env"] + assignments + wrapped).map(Self.quote).joined(separator: " ")
        // The first command starts the server, which would inherit (and hold open for ever)
        // every pipe the test process has open, so that readers waiting for the end of a
        // subprocess's output hang: start it through python with every other fd closed and
        // no signal blocked (the test runner's threads block most, SIGWINCH included).
        let start = [
            "tmux", "-L", socket, "-f", "/dev/null", "start-server", ";", "set-option", "-g",
            "remain-on-exit", "on", ";", "set-option", "-g", "status", "off", ";", "new-session", "-d", "-s",
            "main", "-x", "\(width)", "-y", "\(height)", shellCommand,
        ]
        let launcher =
            "import signal, subprocess, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); sys.exit(subprocess.run(sys.argv[1:], close_fds=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode)"
        let started = try Subprocess.run("python3", ["-c", launcher] + start)
        guard started.status == 0 else {
            throw Failure(description: "tmux new-session failed (status \(started.status))")
        }
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let result = try Subprocess.run("tmux", ["-L", socket] + arguments)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result.stdout
    }

    /// Sends tmux key names (`Tab`, `Enter`, `Escape`, `C-c`, `BTab`, `F1`, `Space`).
    func keys(_ names: String...) throws {
        try tmux(["send-keys", "-t", "main"] + names)
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", text])
    }

    /// The pane's text (with `escapes`: SGR colour sequences kept, as `capture-pane -e`).
    func capture(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-J", "-t", "main"] + (escapes ? ["-e"] : []))
    }

    /// Waits until the screen contains `text`; throws with the screen after `timeout`.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> String {
        try waitUntil("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `condition` holds for the screen text.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 10, _ condition: (String) -> Bool) throws -> String
    {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            usleep(20_000)
        }
        let dead = (try? exitStatus()).flatMap { $0 }.map { " (the program exited with status \($0))" } ?? ""
        throw Failure(
            description: "timed out after \(timeout) s waiting for \(what)\(dead); the screen:\n\(screen)")
    }

    /// Resizes the window (and the pane with it).
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
        self.width = width
        self.height = height
    }

    /// Copies everything the program writes from now on into `path` (raw bytes).
    func pipeOutput(to path: String) throws {
        try tmux(["pipe-pane", "-o", "-t", "main", "cat >> " + Self.quote(path)])
    }

    /// The program's exit status once it has ended, else nil.
    func exitStatus() throws -> Int32? {
        let text = try tmux(["capture-pane", "-p", "-J", "-S", "-100", "-t", "main"])
        guard let range = text.range(of: Self.exitMarker, options: .backwards) else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        return Int32(digits)
    }

    /// Waits for the program to exit; returns its status.
    func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = try exitStatus() { return status }
            usleep(20_000)
        }
        throw Failure(
            description: "the program did not exit within \(timeout) s; the screen:\n\(try capture())")
    }

    /// A value the pane's terminal reports (`#{alternate_on}`, `#{cursor_flag}`, ...).
    func paneFormat(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "main", format]).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
