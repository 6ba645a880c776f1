import Foundation
import TestSupport
import Testing

/// Two programs side by side in one tmux window on a private server (`split-window -h`):
/// keys in with `send-keys -t PANE`, each pane's screen out with `capture-pane -t PANE`.
final class TwoPaneTmux {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let socket: String
    /// The pane ids (`%0`, `%1`) of the left and right programs.
    private(set) var left = ""
    private(set) var right = ""
    private var socketPath: String?
    private var closed = false

    /// Starts `leftCommand` in a `width`×`height` window, then `rightCommand` beside it,
    /// both with `environment` added.
    init(
        left leftCommand: [String], right rightCommand: [String], width: Int, height: Int,
        environment: [String: String]
    )
        throws
    {
        socket = "ks-two-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let binary = Self.quote(PeerTools.which("tmux") ?? "tmux")
        let start =
            "\(binary) -L \(socket) -f /dev/null new-session -d -x \(width) -y \(height)"
            + " \(Self.quote(Self.line(leftCommand, environment)))"
            + " \\; set-option -g status off </dev/null >/dev/null 2>&1"
        // The server outlives this call: it must inherit no pipe of ours and no blocked
        // signal (the panes are resized by the split and need SIGWINCH).
        guard Self.spawnAndWait(["/bin/sh", "-c", start]) == 0 else {
            throw Failure(description: "tmux new-session failed")
        }
        left = try tmux(["display-message", "-p", "#{pane_id}"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        socketPath = try tmux(["display-message", "-p", "#{socket_path}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        right = try tmux([
            "split-window", "-h", "-P", "-F", "#{pane_id}", Self.line(rightCommand, environment),
        ])
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        _ = try? Subprocess.run("tmux", ["-L", socket, "-f", "/dev/null", "kill-server"])
        if let socketPath, !socketPath.isEmpty { unlink(socketPath) }
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let result = try Subprocess.run("tmux", ["-L", socket, "-f", "/dev/null"] + arguments)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result.stdout
    }

    /// Sends tmux key names (`Enter`, `Tab`, `Space`) to `pane`.
    func keys(_ pane: String, _ names: String...) throws {
        try tmux(["send-keys", "-t", pane] + names)
    }

    /// Types `text` literally into `pane`.
    func type(_ pane: String, _ text: String) throws {
        try tmux(["send-keys", "-t", pane, "-l", text])
    }

    /// `pane`'s screen (with `escapes`: SGR sequences kept).
    func capture(_ pane: String, escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", pane] + (escapes ? ["-e"] : []))
    }

    /// A format of `pane` (`#{cursor_y}`, `#{cursor_flag}`).
    func format(_ pane: String, _ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", pane, format]).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// Polls `pane` every 50 ms until `condition` holds; throws with both screens after `timeout`.
    @discardableResult
    func waitUntil(_ pane: String, _ what: String, timeout: TimeInterval = 20, _ condition: (String) -> Bool)
        throws -> String
    {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        repeat {
            screen = try capture(pane)
            if condition(screen) { return screen }
            usleep(50_000)
        } while Date() < deadline
        let other = (try? capture(pane == left ? right : left)) ?? ""
        throw Failure(
            description:
                "timed out after \(timeout) s waiting for \(what) in pane \(pane); its screen:\n\(screen)\nthe other pane:\n\(other)"
        )
    }

    /// Waits until `pane` shows `text`.
    @discardableResult
    func waitFor(_ pane: String, _ text: String, timeout: TimeInterval = 20) throws -> String {
        try waitUntil(pane, "\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `pane` stops changing (screen and cursor) for one poll.
    func settle(_ pane: String) throws {
        var last = ""
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            let now =
                try capture(pane, escapes: true) + format(pane, "#{cursor_x},#{cursor_y},#{cursor_flag}")
            if now == last { return }
            last = now
            usleep(80_000)
        }
    }

    /// Waits (up to 3 s) until `pane` differs from `before`.
    func waitForChange(_ pane: String, from before: String) throws {
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline {
            if try capture(pane, escapes: true) != before { return }
            usleep(20_000)
        }
    }

    private static func line(_ command: [String], _ environment: [String: String]) -> String {
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(quote($0.value))" }
        return (["env"] + assignments + command.map(quote)).joined(separator: " ")
    }

    /// Runs `argv` without pipes and with no signal blocked or ignored; returns its exit code.
    private static func spawnAndWait(_ argv: [String]) -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGWINCH, SIGPIPE, SIGCHLD, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        var arguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        guard posix_spawn(&pid, argv[0], nil, &attributes, &arguments, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Drives the portal in one pane by labels, like a person: Tab until the control has the
/// focus (seen on screen), then Enter, Space or typing.
struct PortalPilot {
    let tmux: TwoPaneTmux
    let pane: String

    /// Whether `label` has the focus: a field holds the cursor on its row; anything else
    /// is drawn in the title bar's colours.
    func isFocused(_ label: String) throws -> Bool {
        try tmux.settle(pane)
        let lines = try tmux.capture(pane).components(separatedBy: "\n")
        if try tmux.format(pane, "#{cursor_flag}") == "1",
            let row = Int(try tmux.format(pane, "#{cursor_y}")),
            row < lines.count, lines[row].contains(label)
        {
            return true
        }
        return FocusRuns.parse(try tmux.capture(pane, escapes: true)).contains { $0.contains(label) }
    }

    /// Tabs until `label` has the focus (at most 40 steps).
    func focus(_ label: String) throws {
        for _ in 0..<40 {
            if try isFocused(label) { return }
            let before = try tmux.capture(pane, escapes: true)
            try tmux.keys(pane, "Tab")
            try tmux.waitForChange(pane, from: before)
        }
        throw TwoPaneTmux.Failure(description: "could not focus \"\(label)\":\n\(try tmux.capture(pane))")
    }

    func press(_ label: String) throws {
        try focus(label)
        try tmux.keys(pane, "Enter")
    }

    func fill(_ label: String, _ text: String) throws {
        try focus(label)
        try tmux.type(pane, text)
        try tmux.waitUntil(pane, "\"\(text)\" typed in \(label)") { screen in
            screen.split(separator: "\n").contains {
                $0.contains(label) && ($0.contains(text) || $0.contains("•"))
            }
        }
    }

    func toggle(_ label: String) throws {
        try focus(label)
        try tmux.keys(pane, "Space")
        try tmux.waitFor(pane, "[x] \(label)")
    }

    /// In the focused list, moves down until `item` is selected, then Enter.
    func choose(_ item: String) throws {
        for _ in 0..<20 {
            try tmux.settle(pane)
            let before = try tmux.capture(pane, escapes: true)
            if FocusRuns.parse(before).contains(where: { $0.contains(item) }) {
                try tmux.keys(pane, "Enter")
                return
            }
            try tmux.keys(pane, "Down")
            try tmux.waitForChange(pane, from: before)
        }
        throw TwoPaneTmux.Failure(description: "could not select \"\(item)\":\n\(try tmux.capture(pane))")
    }

    /// Signs up from the log-in page and lands on "Keep Your Account Safe".
    func signUp(email: String, password: String) throws {
        try tmux.waitFor(pane, "Log in")
        try press("Sign up")
        try tmux.waitFor(pane, "Confirm password")
        try fill("Email", email)
        try fill("Full name", "Alice Anderson")
        try fill("Company", "Acme Test Works")
        try fill("Password", password)
        try fill("Confirm password", password)
        try press("[ Sign up ]")
        try tmux.waitFor(pane, "Keep Your Account Safe")
    }

    /// Accepts the recovery code and waits for home.
    func acceptRecoveryCode() throws {
        try tmux.waitFor(pane, "I have safely recorded this code")
        try toggle("I have safely recorded this code")
        try press("[ Continue ]")
        try tmux.waitFor(pane, "My Profile")
    }
}

/// The text runs of a `capture-pane -e` capture drawn in the title bar's style (the
/// background or reverse of row 0), between the title and the last two rows: the focus.
enum FocusRuns {
    static func parse(_ capture: String) -> [String] {
        let rows = capture.components(separatedBy: "\n").map(cells)
        guard let title = rows.first?.first(where: { !$0.style.isEmpty && $0.style != "-" })?.style else {
            return []
        }
        var runs: [String] = []
        for row in rows.dropFirst().dropLast(2) {
            var run = ""
            for cell in row + [(" ", "-")] {
                if cell.style == title {
                    run.append(cell.character)
                } else if !run.isEmpty {
                    runs.append(run)
                    run = ""
                }
            }
        }
        return runs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Each character with its style: the background code and `R` when reversed.
    private static func cells(_ line: String) -> [(character: Character, style: String)] {
        var result: [(character: Character, style: String)] = []
        var background = ""
        var reverse = false
        var rest = Substring(line)
        while let character = rest.first {
            if character == "\u{1B}", rest.dropFirst().first == "[" {
                let body = rest.dropFirst(2)
                guard let end = body.firstIndex(where: { $0.isLetter }) else { break }
                if body[end] == "m" {
                    apply(body[..<end].components(separatedBy: ";"), &background, &reverse)
                }
                rest = body[body.index(after: end)...]
                continue
            }
            result.append((character, background + (reverse ? "R" : "")))
            rest = rest.dropFirst()
        }
        return result
    }

    private static func apply(_ codes: [String], _ background: inout String, _ reverse: inout Bool) {
        var index = 0
        while index < codes.count {
            switch codes[index] {
            case "", "0":
                background = ""
                reverse = false
            case "7": reverse = true
            case "27": reverse = false
            case "49": background = ""
            case "48":
                let count = codes.count > index + 1 && codes[index + 1] == "2" ? 4 : 2
                background = codes[index..<min(codes.count, index + 1 + count)].joined(separator: ";")
                index += count
            default:
                if let value = Int(codes[index]), (40...47).contains(value) || (100...107).contains(value) {
                    background = codes[index]
                }
            }
            index += 1
        }
    }
}

/// The number the portal shows for push number matching ("Pick this number on your
/// phone: 42"), read off its screen text.
func numberToMatch(in screen: String) -> String? {
    guard let range = screen.range(of: "Pick this number on your phone: ") else { return nil }
    let digits = screen[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
    return digits.isEmpty ? nil : String(digits)
}
