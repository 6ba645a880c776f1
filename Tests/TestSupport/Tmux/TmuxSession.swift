import Foundation

/// A private tmux server (its own `-L` socket, no configuration file) running programs in
/// panes of one window, for tests that drive a built program like a person does:
/// `send-keys` in, `capture-pane` out. This is the only place the tests start tmux.
///
///     let session = try TmuxSession(width: 80, height: 24, command: [keepsafe, "--store", store])
///     try session.main.waitFor("Log in")
///     try session.main.type("alice@example.com")
///
/// Each program runs under a shell that prints `KEEPSAFE-EXIT=<status>` when it ends and
/// then waits, so a test can read the exit status off the pane (more dependable under
/// load than tmux's dead-pane state). The server is killed when the session is closed or
/// released.
public final class TmuxSession {
    /// A tmux command that failed, a wait that timed out, or a screen without what a test
    /// looked for; the description holds the screen.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// The line the wrapper shell prints when the program ends: `KEEPSAFE-EXIT=<status>`.
    public static let exitMarker = "KEEPSAFE-EXIT="

    public let socket: String
    /// The window's size, as last set.
    public private(set) var width: Int
    public private(set) var height: Int
    /// Whether captures join lines the terminal wrapped (`capture-pane -J`) into one.
    public let joinsWrappedLines: Bool
    /// How long a wait lasts when the call names no timeout.
    public let defaultTimeout: TimeInterval
    /// The pane ids (`%0`, `%1`), in the order the panes were opened. (A pane holds its
    /// session, not the other way round: releasing the last pane ends the server.)
    private var paneIDs: [String] = []
    private var socketPath: String?
    private var closed = false

    /// Starts `command` (argv) in a new `width`×`height` window, with `environment` added
    /// to the environment tmux passes on.
    ///
    /// - Parameters:
    ///   - prelude: shell text run before the program (ending with `;` or a newline).
    ///   - joinsWrappedLines: captures as `capture-pane -J` (a long line is one line).
    ///   - defaultTimeout: the timeout of waits that name none.
    /// - Throws: `Failure` when tmux is missing or does not start.
    public init(
        width: Int, height: Int, command: [String], environment: [String: String] = [:],
        prelude: String = "", joinsWrappedLines: Bool = false, defaultTimeout: TimeInterval = 10
    ) throws {
        socket = "keepsafe-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        self.width = width
        self.height = height
        self.joinsWrappedLines = joinsWrappedLines
        self.defaultTimeout = defaultTimeout
        guard let binary = PeerTools.which("tmux") else { throw Failure("tmux is not installed") }
        let start = [
            binary, "-L", socket, "-f", "/dev/null", "start-server", ";", "set-option", "-g",
            "remain-on-exit",
            "on", ";", "set-option", "-g", "status", "off", ";", "new-session", "-d", "-s", "main", "-x",
            "\(width)", "-y", "\(height)", Self.shellLine(command, environment, prelude: prelude),
        ]
        let status = Detached.run(start)
        guard status == 0 else { throw Failure("tmux new-session failed (wait status \(status))") }
        let path = try tmux(["display-message", "-p", "#{socket_path}"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        socketPath = path.isEmpty ? nil : path
        let id = try tmux(["display-message", "-p", "-t", "main", "#{pane_id}"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        paneIDs = [id]
    }

    /// The pane the session started with.
    public var main: TmuxPane { TmuxPane(session: self, id: paneIDs[0]) }

    /// Every pane, in the order they were opened.
    public var panes: [TmuxPane] { paneIDs.map { TmuxPane(session: self, id: $0) } }

    deinit { close() }

    /// Kills the server (and every program in it); later calls do nothing.
    public func close() {
        guard !closed else { return }
        closed = true
        _ = try? Subprocess.run("tmux", ["-L", socket, "-f", "/dev/null", "kill-server"])
        if let socketPath { unlink(socketPath) }
    }

    /// Starts `command` in a new pane beside the others (`split-window -h`).
    public func split(_ command: [String], environment: [String: String] = [:]) throws -> TmuxPane {
        let id = try tmux([
            "split-window", "-h", "-t", "main", "-P", "-F", "#{pane_id}",
            Self.shellLine(command, environment),
        ])
        .trimmingCharacters(in: .whitespacesAndNewlines)
        paneIDs.append(id)
        return TmuxPane(session: self, id: id)
    }

    /// Resizes the window (and its panes).
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
        self.width = width
        self.height = height
    }

    /// Runs one tmux command on this server; returns its output.
    /// - Throws: `Failure` with tmux's message when it fails.
    @discardableResult
    public func tmux(_ arguments: [String]) throws -> String {
        let result = try Subprocess.run("tmux", ["-L", socket, "-f", "/dev/null"] + arguments)
        guard result.status == 0 else {
            throw Failure("tmux \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result.stdout
    }

    /// Every pane's screen, for failure messages.
    func screens() -> String {
        panes.map { pane in
            let text = (try? pane.capture()) ?? "(no capture)"
            return paneIDs.count == 1 ? text : "pane \(pane.id):\n\(text)"
        }
        .joined(separator: "\n")
    }

    /// `word` quoted for a POSIX shell.
    public static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The shell line tmux runs for a pane: `env` with the assignments, then a shell that
    /// runs `prelude` and the program and reports its exit status on screen.
    private static func shellLine(_ command: [String], _ environment: [String: String], prelude: String = "")
        -> String
    {
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let wrapped = ["sh", "-c", prelude + "\"$0\" \"$@\"; echo \(exitMarker)$?; sleep 600"] + command
        return (["env"] + assignments + wrapped).map(quote).joined(separator: " ")
    }
}
