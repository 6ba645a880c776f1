import Foundation
import TestSupport
import Testing

/// `keepsafe --with-phone` in tmux: both panes at 120 columns, one pane and the width it
/// needs below that.
@Suite(.serialized) struct WithPhoneTmuxTests {
    func start(width: Int, height: Int, store: String) throws -> TmuxPane {
        try TmuxSession(
            width: width, height: height,
            command: [BuiltProducts.keepsafe, "--store", store, "--device", "laptop", "--with-phone"],
            environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
        ).main
    }

    @Test(
        .enabled(
            if: PeerTools.shouldRun(tools: ["tmux"]), Comment(rawValue: PeerTools.skipReason(tools: ["tmux"]))
        ))
    func bothPanesAt120ColumnsAndTheWidthNeededBelow() throws {
        guard PeerTools.which("tmux") != nil else {
            Issue.record("tmux is not installed")
            return
        }
        let directory = try TemporaryDirectory(prefix: "keepsafe-with-phone")
        defer { directory.remove() }
        let wide = try start(width: 120, height: 32, store: directory.file("store"))
        let screen = try wide.waitFor("1 Authenticator").components(separatedBy: "\n")
        #expect(screen.contains { $0.contains("Log in") && $0.contains("Home") })
        #expect(screen.last { !$0.isEmpty }?.hasPrefix(" F6 phone") == true)
        try wide.keys("F6")
        try wide.keys("2")
        try wide.waitFor("SMS to every number")
        try wide.keys("C-c")
        wide.session.close()

        let narrow = try start(width: 100, height: 30, store: directory.file("store"))
        defer { narrow.session.close() }
        try narrow.waitFor("Side by side needs 120 columns (this terminal has 100).")
        try narrow.keys("F6")
        try narrow.waitFor("1 Authenticator")
    }
}
