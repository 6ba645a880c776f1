import Foundation
import TestSupport
import Testing

private let tmuxTools = ["tmux", "oathtool", "python3"]
private let pictureModules = ["pyte", "PIL", "zxingcpp"]

/// Records an issue naming each missing tool (under KEEPSAFE_REQUIRE_INTEROP=1 the test
/// runs and must fail when one is absent); true when everything is there.
func requireTools(_ tools: [String], _ modules: [String] = []) -> Bool {
    let missing = PeerTools.missing(tools: tools, pythonModules: modules)
    for name in missing { Issue.record("missing peer tool: \(name)") }
    return missing.isEmpty
}

/// The built portal in tmux, driven with send-keys and read with capture-pane.
@Suite("Portal in tmux", .serialized)
struct TmuxPortalTests {
    /// Sign up, enroll with the authenticator app from the QR decoded off the captured
    /// screen, record the recovery code, reach home, log out, and log in again with a TOTP
    /// challenge (a new process with the clock 90 s ahead, so the code is a fresh step).
    @Test(
        "TOTP enrollment and log-in at several sizes and themes",
        .enabled(
            if: PeerTools.shouldRun(tools: tmuxTools, pythonModules: pictureModules),
            Comment(rawValue: PeerTools.skipReason(tools: tmuxTools, pythonModules: pictureModules))),
        arguments: [(80, 24, "dark"), (100, 30, "light"), (200, 60, "dark")])
    func totp(width: Int, height: Int, theme: String) throws {
        guard requireTools(tmuxTools, pictureModules) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pilot = try portalInTmux(width: width, height: height, theme: theme, directory: directory)
        let email = "alice.\(width)@example.com"
        try pilot.signUp(email: email)
        try pilot.choose("Authenticator app")
        try pilot.pane.waitFor("Can't scan?")
        let uri = try pilot.pane.decodeQR(theme: theme)
        #expect(uri.hasPrefix("otpauth://totp/"))
        try pilot.fill("Code", try Oathtool.totp(uri: uri))
        try pilot.press("[ Continue ]")
        let recovery = try pilot.pane.waitFor("I have safely recorded this code")
        #expect(recovery.contains("[ ] I have safely recorded this code"))
        try pilot.toggle("I have safely recorded this code")
        try pilot.press("[ Continue ]")
        try pilot.pane.waitFor("My Profile")
        try pilot.press("Log out")
        try pilot.pane.waitFor("Log in")
        try pilot.pane.keys("C-c")
        #expect(try pilot.pane.waitForExit() == 0)

        let again = try portalInTmux(
            width: width, height: height, theme: theme, extraArguments: ["--clock", "+90s"],
            directory: directory)
        try again.pane.waitFor("Log in")
        try again.fill("Email", email)
        try again.fill("Password", "Correct-Horse-9-Battery")
        try again.press("[ Log in ]")
        try again.pane.waitFor("authenticator app")
        try again.fill("Code", try Oathtool.totp(uri: uri, offset: 90))
        try again.press("[ Continue ]")
        try again.pane.waitFor("My Profile")
        try again.pane.keys("C-c")
        #expect(try again.pane.waitForExit() == 0)
    }

    /// Resizing in the middle of enrollment keeps the flow (the typed code survives) and
    /// redraws the QR so it still decodes; too small a terminal says what it needs.
    @Test(
        "resize during enrollment",
        .enabled(
            if: PeerTools.shouldRun(tools: tmuxTools, pythonModules: pictureModules),
            Comment(rawValue: PeerTools.skipReason(tools: tmuxTools, pythonModules: pictureModules))))
    func resize() throws {
        guard requireTools(tmuxTools, pictureModules) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pilot = try portalInTmux(width: 100, height: 30, directory: directory)
        try pilot.signUp(email: "resize@example.com")
        try pilot.choose("Authenticator app")
        try pilot.pane.waitFor("Can't scan?")
        try pilot.fill("Code", "12")
        try pilot.pane.settle()
        try pilot.pane.session.resize(width: 30, height: 10)
        try pilot.pane.waitFor("too small")
        try pilot.pane.session.resize(width: 60, height: 20)
        try pilot.pane.waitFor("needs a terminal of at least")
        try pilot.pane.session.resize(width: 80, height: 24)
        try pilot.pane.waitUntil("the QR again") { $0.contains("▀") && $0.contains("Can't scan?") }
        let uri = try pilot.pane.decodeQR(theme: "dark")
        // The two digits typed before the resizes are still in the field.
        try pilot.pane.waitUntil("the typed digits") {
            $0.split(separator: "\n").contains { $0.contains("Code") && $0.contains("12") }
        }
        try pilot.pane.keys("BSpace", "BSpace")
        try pilot.pane.type(try Oathtool.totp(uri: uri))
        try pilot.press("[ Continue ]")
        try pilot.pane.waitFor("I have safely recorded this code")
    }

    /// Ctrl-C quits from the middle of a form and leaves the terminal as it was: back on
    /// the normal screen, cursor visible, line editing and echo on (as a shell sees it).
    @Test(
        "Ctrl-C restores the terminal",
        .enabled(
            if: PeerTools.shouldRun(tools: ["tmux", "python3"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["tmux", "python3"]))),
        arguments: ["xterm", "xterm-256color", "screen", "tmux-256color", "linux", "vt100"])
    func interrupt(term: String) throws {
        guard requireTools(["tmux", "python3"]) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let report =
            "echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e -echo -e icanon -e -icanon | tr '\\n' ' '; echo STTY-DONE; sleep 60"
        let tmux = try TmuxSession(
            width: 80, height: 24,
            command: [
                "sh", "-c", "\"$0\" \"$@\"; " + report, BuiltProducts.keepsafe, "--store",
                directory.file("store"),
            ],
            environment: [
                "TERM": term, "LANG": "C.UTF-8", "HOME": directory.path, "XDG_STATE_HOME": directory.path,
            ],
            joinsWrappedLines: true
        ).main
        try tmux.waitFor("Log in")
        try tmux.type("someone@example.com")
        try tmux.waitFor("someone@example.com")
        let alternate = try tmux.format("#{alternate_on}")
        try tmux.keys("C-c")
        let after = try tmux.waitFor("STTY-DONE")
        #expect(after.contains("EXIT=0"))
        #expect(after.contains("icanon") && !after.contains("-icanon"))
        #expect(after.contains("echo") && !after.contains("-echo"))
        #expect(try tmux.format("#{alternate_on}") == "0")
        #expect(try tmux.format("#{cursor_flag}") == "1")
        if ["xterm", "xterm-256color", "screen", "tmux-256color"].contains(term) {
            // These have an alternate screen: the portal used it, the shell's screen is back.
            #expect(alternate == "1")
            #expect(!after.contains("someone@example.com"))
        }
    }
}

/// A terminal without a UTF-8 locale (vt100, LANG=C) gets ASCII only.
@Suite("Portal in tmux: ASCII")
struct TmuxASCIITests {
    @Test(
        "the C locale on a vt100 draws ASCII only",
        .enabled(
            if: PeerTools.shouldRun(tools: ["tmux", "python3"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["tmux", "python3"]))))
    func ascii() throws {
        guard requireTools(["tmux", "python3"]) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tmux = try TmuxSession(
            width: 80, height: 24, command: [BuiltProducts.keepsafe, "--store", directory.file("store")],
            environment: [
                "TERM": "vt100", "LANG": "C", "LC_ALL": "C", "HOME": directory.path,
                "XDG_STATE_HOME": directory.path,
            ],
            joinsWrappedLines: true
        ).main
        let screen = try tmux.waitFor("Ctrl-C quit")
        #expect(screen.contains("Log in"))
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII })
        try tmux.keys("C-c")
        #expect(try tmux.waitForExit() == 0)
    }
}
