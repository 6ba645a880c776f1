import Foundation
import KeepsafeStore
import TestSupport

/// Drives the portal in tmux by labels, like a person with a keyboard: Tab until the
/// control is focused (seen on screen), then Enter, Space or typing.
final class TmuxPilot {
    let tmux: TmuxHarness
    let store: String
    let home: String

    /// A fresh test-cost store and state directory, and the portal running in tmux. With
    /// `store` (a postgres:// URL, say) the portal uses that store as it is.
    init(
        width: Int = 80, height: Int = 24, theme: String = "dark", term: String = "xterm-256color",
        extraArguments: [String] = [], environment extra: [String: String] = [:], directory: TemporaryDirectory,
        store given: String? = nil
    ) throws {
        store = given ?? directory.file("store")
        home = directory.file("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        if given == nil && !FileManager.default.fileExists(atPath: store) {
            _ = try FileStore(path: store, initialPolicy: Policy.testing())
        }
        tmux = try TmuxHarness(
            width: width, height: height,
            command: [BuiltProducts.keepsafe, "--store", store, "--device", "tmux-test", "--theme", theme]
                + extraArguments,
            environment: [
                "TERM": term, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": home,
                "XDG_STATE_HOME": home + "/state",
                "NO_COLOR": "",
            ].merging(extra) { $1 })
    }

    /// Whether the control labelled `label` has the focus: a field holds the cursor on its
    /// row; anything else is drawn in the focus colours.
    func isFocused(_ label: String) throws -> Bool {
        try settle()
        let plain = try tmux.capture()
        let lines = plain.split(separator: "\n", omittingEmptySubsequences: false)
        if try tmux.paneFormat("#{cursor_flag}") == "1", let row = Int(try tmux.paneFormat("#{cursor_y}")),
            row < lines.count, lines[row].contains(label)
        {
            return true
        }
        let runs = TmuxScreen(capture: try tmux.capture(escapes: true)).focusedRuns()
        return runs.contains { $0.contains(label) }
    }

    /// Tabs until `label` is focused (at most 40 steps).
    func focus(_ label: String) throws {
        for _ in 0..<40 {
            if try isFocused(label) { return }
            let before = try tmux.capture(escapes: true)
            try tmux.keys("Tab")
            try waitForChange(from: before)
        }
        throw TmuxHarness.Failure(
            description: "could not focus \"\(label)\"; the screen:\n\(try tmux.capture())")
    }

    func press(_ label: String) throws {
        try focus(label)
        try tmux.keys("Enter")
    }

    func fill(_ label: String, _ text: String) throws {
        try focus(label)
        try tmux.type(text)
        try settle()
        try tmux.waitUntil("typed text in \(label)") { screen in
            screen.split(separator: "\n").contains {
                $0.contains(label) && ($0.contains(text) || $0.contains("•"))
            }
        }
    }

    func toggle(_ label: String) throws {
        try focus(label)
        try tmux.keys("Space")
        try tmux.waitFor("[x] \(label)")
    }

    /// In the focused list, moves the selection down until `item` is selected, then Enter.
    func choose(_ item: String) throws {
        for _ in 0..<20 {
            if TmuxScreen(capture: try tmux.capture(escapes: true)).focusedRuns().contains(where: {
                $0.contains(item)
            }) {
                try tmux.keys("Enter")
                return
            }
            let before = try tmux.capture(escapes: true)
            try tmux.keys("Down")
            try waitForChange(from: before)
        }
        throw TmuxHarness.Failure(
            description: "could not select \"\(item)\"; the screen:\n\(try tmux.capture())")
    }

    /// Waits until the screen and cursor stop changing (type-ahead fully drawn).
    func settle() throws {
        var last = ""
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            let now =
                try tmux.capture(escapes: true)
                + (try tmux.paneFormat("#{cursor_x},#{cursor_y},#{cursor_flag}"))
            if now == last { return }
            last = now
            usleep(60_000)
        }
    }

    private func waitForChange(from before: String) throws {
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline {
            if try tmux.capture(escapes: true) != before { return }
            usleep(10_000)
        }
    }

    /// Signs up from the log-in screen and lands on "Keep Your Account Safe".
    func signUp(email: String, name: String = "Alice Anderson", password: String = "Correct-Horse-9-Battery")
        throws
    {
        try tmux.waitFor("Log in")
        try press("Sign up")
        try tmux.waitFor("Confirm password")
        try fill("Email", email)
        try fill("Full name", name)
        try fill("Company", "Acme Test Works")
        try fill("Password", password)
        try fill("Confirm password", password)
        try press("[ Sign up ]")
        try tmux.waitFor("Keep Your Account Safe")
    }
}

/// Python helpers of the tests: termshot.py decodes the QR from a capture.
enum TerminalPicture {
    static var termshot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tools/termshot.py").path
    }

    /// Decoded QR texts in a `capture-pane -p -e` capture, drawn with `theme` defaults.
    static func decode(capture: String, theme: String, width: Int, height: Int, directory: TemporaryDirectory)
        throws
        -> [String]
    {
        let file = directory.file("capture-\(UInt32.random(in: 0...UInt32.max)).txt")
        try capture.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Subprocess.run(
            "python3", [termshot, file, "--theme", theme, "--cols", "\(width)", "--rows", "\(height)"])
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// The current code of an otpauth URI, by oathtool, at `offset` seconds from now.
    static func oathtoolCode(uri: String, offset: Int = 0) throws -> String {
        guard let components = URLComponents(string: uri),
            let secret = components.queryItems?.first(where: { $0.name == "secret" })?.value
        else { throw TmuxHarness.Failure(description: "no secret in \(uri)") }
        let now = Int(Date().timeIntervalSince1970) + offset
        let result = try Subprocess.run("oathtool", ["--totp", "-b", secret, "-N", "@\(now)"])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
