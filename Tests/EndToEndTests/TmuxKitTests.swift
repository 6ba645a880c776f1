import Foundation
import TestSupport
import Testing

/// The tmux kit itself: what a test reads off a pane, and that a wait for what never
/// comes fails instead of passing quietly.
@Suite("tmux kit")
struct TmuxKitTests {
    @Test(
        "typing, capture, exit status, and a failing wait",
        .enabled(
            if: PeerTools.shouldRun(tools: ["tmux"]), Comment(rawValue: PeerTools.skipReason(tools: ["tmux"]))
        ))
    func basics() throws {
        guard requireTools(["tmux"]) else { return }
        let pane = try TmuxSession(
            width: 40, height: 10, command: ["sh", "-c", "read line; echo \"got $line\"; exit 3"],
            defaultTimeout: 5
        ).main
        defer { pane.session.close() }
        #expect(try pane.size() == (40, 10))
        try pane.type("hello")
        try pane.keys("Enter")
        #expect(try pane.waitFor("got hello").contains("got hello"))
        #expect(try pane.waitForExit() == 3)
        #expect(try pane.printedLines() == ["hello", "got hello"])
        #expect(throws: TmuxSession.Failure.self) { try pane.waitFor("never shown", timeout: 0.3) }
    }

    @Test("the focus is the text drawn in the title bar's style")
    func focus() {
        let capture = [
            "\u{1B}[48;5;25m Portal \u{1B}[0m", "  Email: [   ]",
            "  \u{1B}[48;5;25m[ Log in ]\u{1B}[0m  Sign up",
            "\u{1B}[7mreverse only\u{1B}[0m", "status", "hint",
        ].joined(separator: "\n")
        #expect(FocusedText.runs(in: capture) == ["[ Log in ]"])
        #expect(FocusedText.contains("Log in", in: capture))
        #expect(!FocusedText.contains("Sign up", in: capture))
        #expect(PortalPilot.numberToMatch(in: "Pick this number on your phone: 42\n") == "42")
        #expect(PortalPilot.numberToMatch(in: "no number") == nil)
    }
}
