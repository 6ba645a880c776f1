import Foundation
import TestSupport
import Testing

/// One program in a detached tmux session on a private server: keys in with
/// `send-keys`, the screen out with `capture-pane`.
final class TmuxPane {
    let socket: String
    /// The server's socket file, removed on close (tmux may leave it behind).
    private var socketPath: String?
    private(set) var closed = false

    /// Starts `command` (argv) in a `width`×`height` window with `environment` added.
    init(_ command: [String], width: Int, height: Int, environment: [String: String]) throws {
        socket = "ks-phone-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }
        let line = (["env"] + assignments + command.map(Self.quote)).joined(separator: " ")
        // The tmux server outlives this call: it must not inherit any pipe of ours, so it is
        // started without pipes (posix_spawn) and its output goes to /dev/null.
        let binary = Self.quote(PeerTools.which("tmux") ?? "tmux")
        let start =
            "\(binary) -L \(socket) -f /dev/null new-session -d -x \(width) -y \(height) \(Self.quote(line))"
            + " </dev/null >/dev/null 2>&1"
        #expect(Self.spawnAndWait(["/bin/sh", "-c", start]) == 0, "tmux new-session failed")
        let path = try tmux(["display-message", "-p", "#{socket_path}"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        socketPath = path.isEmpty ? nil : path
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
        if let socketPath { unlink(socketPath) }
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> Subprocess.Result {
        try Subprocess.run("tmux", ["-L", socket, "-f", "/dev/null"] + arguments)
    }

    /// The visible screen, one string per row.
    func capture() throws -> [String] {
        try tmux(["capture-pane", "-p"]).stdout.components(separatedBy: "\n")
    }

    /// Sends tmux key names (`Enter`, `Tab`, `Escape`, `F6`) or literal text with `literal`.
    func keys(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys"] + (literal ? ["-l"] : []) + keys)
    }

    /// Waits until `predicate` holds for the screen (polling every 100 ms), returning that
    /// screen; records an issue with the last screen after `timeout` seconds.
    @discardableResult
    func waitFor(
        _ what: String, timeout: TimeInterval = 10, _ predicate: ([String]) -> Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var screen: [String] = []
        repeat {
            screen = try capture()
            if predicate(screen) { return screen }
            usleep(100_000)
        } while Date() < deadline
        Issue.record(
            "timed out waiting for \(what); the screen was:\n\(screen.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        return screen
    }

    /// Waits until some row contains `text`.
    @discardableResult
    func waitFor(
        text: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String] {
        try waitFor(
            "\"\(text)\"", timeout: timeout, { $0.contains { $0.contains(text) } },
            sourceLocation: sourceLocation)
    }

    /// Runs `argv` without pipes (the tmux server it starts may keep any inherited pipe
    /// open for ever) and returns its wait status.
    private static func spawnAndWait(_ argv: [String]) -> Int32 {
        var pid: pid_t = 0
        var arguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        guard posix_spawn(&pid, argv[0], nil, nil, &arguments, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    private static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
