import Foundation
import TestSupport
import Testing

/// Hostile text in the store, raw output bytes, and what the portal costs to run.
@Suite("Portal in tmux: safety and figures", .serialized)
struct TmuxSafetyTests {
    static let tools = ["tmux", "oathtool", "python3"]
    static let modules = ["pyte", "PIL", "zxingcpp"]

    /// A name full of escape sequences (OSC title, clear screen, C1 CSI, right-to-left
    /// override) reaches the home screen neutralised: the bytes the program writes hold
    /// none of them.
    @Test(
        "escape sequences in a name are neutralised",
        .enabled(
            if: PeerTools.shouldRun(tools: tools, pythonModules: modules),
            Comment(rawValue: PeerTools.skipReason(tools: tools, pythonModules: modules))))
    func hostileName() throws {
        guard requireTools(Self.tools, Self.modules) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let email = "mallory@example.com"
        let pilot = try portalInTmux(width: 100, height: 30, directory: directory)
        try pilot.signUp(email: email, name: "Mallory Marker")
        try pilot.choose("Authenticator app")
        try pilot.pane.waitFor("Can't scan?")
        let uri = try #require(try pilot.pane.qrTexts(theme: "dark").first)
        try pilot.fill("Code", try Oathtool.totp(uri: uri))
        try pilot.press("[ Continue ]")
        try pilot.toggle("I have safely recorded this code")
        try pilot.press("[ Continue ]")
        try pilot.pane.waitFor("Mallory Marker")
        try pilot.pane.keys("C-c")
        _ = try pilot.pane.waitForExit()

        // Put the hostile name straight into the account document.
        let hostile = "Mallory \u{1B}]0;x\u{07}\u{1B}[2J\u{9B}31m\u{202E}Marker"
        let accounts = directory.file("store") + "/accounts"
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: accounts).first { $0.hasSuffix(".json") })
        let data = try Data(contentsOf: URL(fileURLWithPath: accounts + "/" + file))
        var document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["displayName"] as? String == "Mallory Marker")
        document["displayName"] = hostile
        try JSONSerialization.data(withJSONObject: document).write(
            to: URL(fileURLWithPath: accounts + "/" + file))

        let again = try portalInTmux(
            width: 100, height: 30, extraArguments: ["--clock", "+90s"], directory: directory)
        try again.pane.waitFor("Log in")
        let raw = directory.file("raw-output")
        try again.pane.pipeOutput(to: raw)
        try again.fill("Email", email)
        try again.fill("Password", "Correct-Horse-9-Battery")
        try again.press("[ Log in ]")
        try again.pane.waitFor("authenticator app")
        try again.fill("Code", try Oathtool.totp(uri: uri, offset: 90))
        try again.press("[ Continue ]")
        let home = try again.pane.waitFor("My Profile")
        #expect(home.contains("Mallory"))
        #expect(home.contains("Marker"))
        try again.pane.keys("C-c")
        _ = try again.pane.waitForExit()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: raw))
        #expect(bytes.count > 0)
        for (name, sequence) in [
            ("OSC title", Data("\u{1B}]0;x".utf8)), ("clear screen", Data("\u{1B}[2J".utf8)),
            ("C1 CSI", Data([0xC2, 0x9B])), ("raw C1 CSI then 31m", Data([0x9B, 0x33, 0x31])),
            ("right-to-left override", Data([0xE2, 0x80, 0xAE])), ("bell", Data([0x07])),
        ] {
            #expect(bytes.range(of: sequence) == nil, "the output contains \(name)")
        }
    }

    /// Time from launch to the first complete frame, and bytes written per keystroke in a
    /// field: printed for the report, never asserted as timings.
    @Test(
        "launch time and bytes per keystroke (measured)",
        .enabled(
            if: PeerTools.shouldRun(tools: ["tmux", "python3"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["tmux", "python3"]))))
    func figures() throws {
        guard requireTools(["tmux", "python3"]) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let go = directory.file("go")
        let store = directory.file("store")
        let raw = directory.file("raw")
        let tmux = try TmuxSession(
            width: 80, height: 24,
            command: [BuiltProducts.keepsafe, "--store", store, "--theme", "dark"],
            environment: [
                "TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": directory.path,
                "XDG_STATE_HOME": directory.path,
            ],
            prelude: "while [ ! -e \(TmuxSession.quote(go)) ]; do sleep 0.005; done; ",
            joinsWrappedLines: true
        ).main
        try tmux.pipeOutput(to: raw)
        let start = Date()
        #expect(FileManager.default.createFile(atPath: go, contents: nil))
        try tmux.waitFor("Ctrl-C quit")
        let launch = Date().timeIntervalSince(start)
        let before = (try? Data(contentsOf: URL(fileURLWithPath: raw)).count) ?? 0
        let typed = "measured.keystrokes@example.com"
        for (index, character) in typed.enumerated() {
            try tmux.type(String(character))
            let prefix = String(typed.prefix(index + 1))
            try tmux.waitUntil("\(prefix)") { $0.contains(prefix) }
        }
        usleep(200_000)
        let after = (try? Data(contentsOf: URL(fileURLWithPath: raw)).count) ?? 0
        let perKey = Double(after - before) / Double(typed.count)
        print(
            "keepsafe figures: launch to first complete frame \(Int(launch * 1000)) ms (debug build, polled at 20 ms); "
                + "\(String(format: "%.1f", perKey)) bytes written per keystroke in a field")
        #expect(after > before)
        try tmux.keys("C-c")
        _ = try tmux.waitForExit()
    }

    /// An unknown terminal type: one line naming TERM, exit 2, no curses crash.
    @Test(
        "unknown TERM",
        .enabled(
            if: PeerTools.shouldRun(tools: ["tmux", "python3"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["tmux", "python3"]))))
    func unknownTerminal() throws {
        guard requireTools(["tmux", "python3"]) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tmux = try TmuxSession(
            width: 80, height: 24, command: [BuiltProducts.keepsafe, "--store", directory.file("store")],
            environment: ["TERM": "no-such-terminal-xyz", "LANG": "C.UTF-8", "HOME": directory.path]
        ).main
        #expect(try tmux.waitForExit() == 2)
        let lines = try tmux.printedLines()
        #expect(lines.count == 1)
        #expect(lines.first?.contains("TERM=no-such-terminal-xyz") == true)
    }

    /// TERM=dumb: one line saying the full-screen interface does not support it and
    /// pointing at --plain, exit 2.
    @Test(
        "TERM=dumb",
        .enabled(
            if: PeerTools.shouldRun(tools: ["tmux", "python3"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["tmux", "python3"]))))
    func dumbTerminal() throws {
        guard requireTools(["tmux", "python3"]) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tmux = try TmuxSession(
            width: 80, height: 24, command: [BuiltProducts.keepsafe, "--store", directory.file("store")],
            environment: ["TERM": "dumb", "LANG": "C.UTF-8", "HOME": directory.path]
        ).main
        #expect(try tmux.waitForExit() == 2)
        let lines = try tmux.printedLines()
        #expect(lines.count == 1)
        #expect(lines.first?.contains("TERM=dumb is not supported") == true)
        #expect(lines.first?.contains("--plain") == true)
    }
}
