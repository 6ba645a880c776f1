import Foundation

/// One program's pane in a `TmuxSession`: keys in, its visible screen out.
///
///     try pane.keys("Tab", "Enter")
///     try pane.type("alice@example.com")
///     let screen = try pane.waitFor("My Profile")
public struct TmuxPane {
    /// The session the pane lives in (kept alive by its panes).
    public let session: TmuxSession
    /// tmux's id of the pane (`%0`).
    public let id: String

    /// How often waits look at the screen.
    static let pollInterval: useconds_t = 20_000

    /// Sends tmux key names: `Tab`, `Enter`, `Escape`, `Space`, `BSpace`, `BTab`, `Down`,
    /// `F1`, `C-c`.
    public func keys(_ names: String...) throws {
        try session.tmux(["send-keys", "-t", id] + names)
    }

    /// Types `text` literally (`send-keys -l`).
    public func type(_ text: String) throws {
        try session.tmux(["send-keys", "-t", id, "-l", text])
    }

    /// Writes `bytes` to the program's input as they are (`send-keys -H`): what a terminal
    /// itself sends, such as the answer to a query.
    public func bytes(_ bytes: [UInt8]) throws {
        try session.tmux(["send-keys", "-t", id, "-H"] + bytes.map { String($0, radix: 16) })
    }

    /// The visible screen as text; with `escapes`, its SGR sequences kept (`capture-pane -e`).
    public func capture(escapes: Bool = false) throws -> String {
        try session.tmux(
            ["capture-pane", "-p", "-t", id] + (session.joinsWrappedLines ? ["-J"] : [])
                + (escapes ? ["-e"] : []))
    }

    /// The visible screen, one string per row.
    public func lines() throws -> [String] {
        try capture().components(separatedBy: "\n")
    }

    /// The last `count` lines of the pane's history and screen, wrapped lines joined (what
    /// a program printed before it ended, the exit line included).
    public func history(_ count: Int) throws -> String {
        try session.tmux(["capture-pane", "-p", "-J", "-S", "-\(count)", "-t", id])
    }

    /// A tmux format of the pane: `#{cursor_y}`, `#{cursor_flag}`, `#{alternate_on}`,
    /// `#{pane_width}`.
    public func format(_ format: String) throws -> String {
        try session.tmux(["display-message", "-p", "-t", id, format]).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// The pane's size in cells.
    public func size() throws -> (width: Int, height: Int) {
        let parts = try format("#{pane_width} #{pane_height}").split(separator: " ").compactMap { Int($0) }
        guard parts.count == 2 else { throw TmuxSession.Failure("no size for pane \(id)") }
        return (parts[0], parts[1])
    }

    /// Copies everything the program writes from now on into `path` (raw bytes).
    public func pipeOutput(to path: String) throws {
        try session.tmux(["pipe-pane", "-o", "-t", id, "cat >> " + TmuxSession.quote(path)])
    }

    /// Waits until the screen contains `text`; returns that screen.
    /// - Throws: `Failure` with every pane's screen after `timeout` (the session's default).
    @discardableResult
    public func waitFor(_ text: String, timeout: TimeInterval? = nil) throws -> String {
        try waitUntil("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `condition` holds for the screen text; returns that screen once it has
    /// stopped changing (curses may still be drawing the rest of the frame that brought the
    /// text), or the last look at it for which `condition` held.
    /// - Throws: `Failure` naming `what`, with every pane's screen, after `timeout`.
    @discardableResult
    public func waitUntil(_ what: String, timeout: TimeInterval? = nil, _ condition: (String) -> Bool) throws
        -> String
    {
        let timeout = timeout ?? session.defaultTimeout
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            var screen = try capture()
            if condition(screen) {
                let drawn = Date().addingTimeInterval(1)
                while Date() < drawn {
                    usleep(Self.pollInterval)
                    let again = try capture()
                    guard again != screen, condition(again) else { break }
                    screen = again
                }
                return screen
            }
            usleep(Self.pollInterval)
        } while Date() < deadline
        let dead = (try? exitStatus()).flatMap { $0 }.map { " (the program exited with status \($0))" } ?? ""
        throw TmuxSession.Failure(
            "timed out after \(timeout) s waiting for \(what) in pane \(id)\(dead); the screen:\n"
                + session.screens())
    }

    /// Waits until `condition` holds for the screen's rows; returns those rows.
    /// - Throws: `Failure` naming `what`, with every pane's screen, after `timeout`.
    @discardableResult
    public func waitForRows(_ what: String, timeout: TimeInterval? = nil, _ condition: ([String]) -> Bool)
        throws -> [String]
    {
        try waitUntil(what, timeout: timeout) { condition($0.components(separatedBy: "\n")) }
            .components(separatedBy: "\n")
    }

    /// Waits until the screen and the cursor stop changing between two looks (type-ahead
    /// fully drawn), for at most 5 s.
    public func settle() throws {
        var last = ""
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            let now = try capture(escapes: true) + format("#{cursor_x},#{cursor_y},#{cursor_flag}")
            if now == last { return }
            last = now
            usleep(80_000)
        }
    }

    /// Waits (at most 3 s) until the screen with its colours differs from `before`.
    public func waitForChange(from before: String) throws {
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline {
            if try capture(escapes: true) != before { return }
            usleep(Self.pollInterval / 2)
        }
    }

    /// The program's exit status once it has ended, else nil.
    public func exitStatus() throws -> Int32? {
        let text = try history(100)
        guard let range = text.range(of: TmuxSession.exitMarker, options: .backwards) else { return nil }
        return Int32(text[range.upperBound...].prefix { $0.isNumber })
    }

    /// Waits for the program to end; returns its exit status.
    /// - Throws: `Failure` with the screen when it is still running after `timeout`.
    public func waitForExit(timeout: TimeInterval? = nil) throws -> Int32 {
        let timeout = timeout ?? session.defaultTimeout
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let status = try exitStatus() { return status }
            usleep(Self.pollInterval)
        } while Date() < deadline
        throw TmuxSession.Failure(
            "the program did not exit within \(timeout) s; the screen:\n\(try capture())")
    }

    /// What the program printed before it ended: the non-blank lines of the last 50, the
    /// exit line left out.
    public func printedLines() throws -> [String] {
        try history(50).split(separator: "\n").map(String.init)
            .filter {
                !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix(TmuxSession.exitMarker)
            }
    }
}
