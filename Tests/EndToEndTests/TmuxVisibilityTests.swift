import Foundation
import KeepsafeStore
import Testing
import TestSupport

/// Issue 13 as a person checks it in tmux at 80x24: the QR decodes strictly from the
/// captured screen in dark and light themes, with and without NO_COLOR; the title and the
/// whole key help stay on screen; Help pages from its top; a Tab shows without colour.
@Suite("Portal in tmux: visible to everyone", .serialized)
struct TmuxVisibilityTests {
    static let tools = ["tmux", "python3"]
    static let modules = ["pyte", "PIL", "zxingcpp"]

    /// The screen text without any escape sequence: what is left without colour.
    static func plain(_ capture: String) -> [String] {
        capture.replacing(/\u{1B}\[[0-9;?]*[A-Za-z]/, with: "").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
    }

    @Test(
        "the TOTP QR decodes off the screen in both themes, with and without NO_COLOR, title and key help whole",
        .enabled(if: PeerTools.shouldRun(tools: tools, pythonModules: modules)),
        arguments: [("dark", ""), ("light", ""), ("dark", "1"), ("light", "1")])
    func qrEverywhere(theme: String, noColor: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pilot = try portalInTmux(theme: theme, environment: ["NO_COLOR": noColor], directory: directory)
        try pilot.signUp(email: "nc.\(theme)\(noColor)@example.com")
        try pilot.pane.waitFor("▸Choose a method")
        try pilot.pane.keys("Down", "Enter")
        try pilot.pane.waitFor("Can't scan?")
        try pilot.pane.settle()
        let capture = try pilot.pane.capture(escapes: true)
        // The explicit black and white scan on a terminal of either theme.
        for terminal in ["dark", "light"] {
            let texts = try ScreenQR.decode(capture: capture, theme: terminal, width: 80, height: 24)
            #expect(texts.first?.hasPrefix("otpauth://totp/") == true, "\(theme) NO_COLOR=\(noColor) on \(terminal)")
        }
        let lines = try pilot.pane.capture().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].contains("Keep Your Account Safe"))
        #expect(lines[23].hasSuffix("F1 or ? help · Ctrl-C quit"), "\(lines[23])")
        #expect(lines[23].hasPrefix(" Tab/↑↓ move"))
    }

    /// `--theme auto` asks the terminal (OSC 11, which tmux answers with the pane's
    /// background) after the first frame, and redraws in the colours for that background.
    @Test(
        "--theme auto follows the terminal's background, light or dark",
        .enabled(if: PeerTools.shouldRun(tools: ["tmux"])),
        arguments: [("#ffffff", "235"), ("#000000", "252")])
    func autoThemeAsksTheTerminal(background: String, textColour: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = directory.file("store")
        _ = try FileStore(path: store, initialPolicy: Policy.testing())
        // The pane's background is set before keepsafe starts (the prelude waits for it).
        let session = try TmuxSession(
            width: 80, height: 24, command: [BuiltProducts.keepsafe, "--store", store, "--theme", "auto"],
            environment: [
                "TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": directory.path, "NO_COLOR": "",
                "COLORFGBG": "",
            ],
            prelude: "sleep 0.5;")
        defer { session.close() }
        try session.tmux(["set-option", "-g", "window-style", "bg=\(background)"])
        try session.main.waitFor("Log in")
        try session.main.settle()
        let capture = try session.main.capture(escapes: true)
        #expect(capture.contains("\u{1B}[38;5;\(textColour)m  Welcome to"), "\(capture.prefix(600))")
    }

    /// An answer to `--theme auto`'s query that arrives after the probe stopped waiting
    /// (a slow link), or a key terminfo does not know, reaches the key reader as Esc and
    /// characters: it must neither go back nor type into the focused field.
    @Test(
        "a late terminal answer and an unknown key sequence type nothing and go nowhere",
        .enabled(if: PeerTools.shouldRun(tools: ["tmux"])))
    func lateAnswersAreNotKeys() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pilot = try portalInTmux(theme: "dark", directory: directory)
        try pilot.pane.waitFor("▸Email")
        try pilot.pane.type("xq")
        try pilot.pane.waitFor("xq")
        let late = "\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[?62;22c" + "\u{1B}[1;5A"
        try pilot.pane.bytes(Array(late.utf8))
        try pilot.pane.type("z")
        let screen = try pilot.pane.waitFor("xqz")
        #expect(screen.contains("Log in"))
        let email = screen.split(separator: "\n").first { $0.contains("▸Email") } ?? ""
        #expect(email.contains("xqz") && !email.contains("rgb") && !email.contains("62;22"), "\(email)")
    }

    @Test(
        "Help opens at its top; PgDn and Home page through it; the focus moves visibly without colour",
        .enabled(if: PeerTools.shouldRun(tools: tools, pythonModules: modules)))
    func helpAndFocus() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pilot = try portalInTmux(theme: "dark", environment: ["NO_COLOR": "1"], directory: directory)
        try pilot.pane.waitFor("Log in")
        try pilot.pane.settle()
        let before = Self.plain(try pilot.pane.capture(escapes: true))
        try pilot.pane.keys("Tab")
        try pilot.pane.settle()
        let after = Self.plain(try pilot.pane.capture(escapes: true))
        #expect(before != after)
        #expect(before.contains { $0.contains("▸Email") })
        #expect(after.contains { $0.contains("▸Password") })
        try pilot.pane.keys("F1")
        try pilot.pane.waitFor("Why do I need a second factor?")
        // The first question can show before curses has drawn the rest of the page.
        try pilot.pane.settle()
        let help = try pilot.pane.capture()
        #expect(help.contains("[ Back ]"))
        try pilot.pane.keys("PPage")
        try pilot.pane.keys("NPage")
        try pilot.pane.waitUntil("the first question scrolled away") { !$0.contains("Why do I need a second factor?") }
        try pilot.pane.keys("Home")
        let top = try pilot.pane.waitFor("Why do I need a second factor?")
        #expect(top.split(separator: "\n")[0].contains("Help"))
    }

    @Test(
        "the push enrollment QR fits 80x24, decodes in both themes, and the phone enrolls with it",
        .enabled(if: PeerTools.shouldRun(tools: tools, pythonModules: modules)),
        arguments: ["", "1"])
    func pushAt80x24(noColor: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pilot = try portalInTmux(theme: "light", environment: ["NO_COLOR": noColor], directory: directory)
        try pilot.signUp(email: "push\(noColor)@example.com")
        try pilot.pane.waitFor("▸Choose a method")
        try pilot.pane.keys("Enter")
        try pilot.pane.waitFor("Step 1 of 2")
        try pilot.pane.keys("Enter")
        try pilot.pane.waitFor("Waiting for your phone")
        try pilot.pane.settle()
        let capture = try pilot.pane.capture(escapes: true)
        var decoded: [String] = []
        for terminal in ["dark", "light"] {
            let texts = try ScreenQR.decode(capture: capture, theme: terminal, width: 80, height: 24)
            #expect(texts.count == 1, "on a \(terminal) terminal")
            decoded += texts
        }
        let lines = try pilot.pane.capture().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].contains("Keep Your Account Safe"))
        #expect(lines[23].hasSuffix("Ctrl-C quit"))
        let uri = try #require(decoded.first)
        let added = try BuiltProducts.runKeepsafe(["phone", "add", "--store", directory.file("store"), uri])
        #expect(added.status == 0, "\(added.stderr)")
        try pilot.pane.waitFor("I have safely recorded this code")
    }
}
