import Foundation
import TestSupport
import Testing

/// The full-screen portal (curses, in tmux) on a PostgreSQL store: waiting on its push
/// screens, it moves on by itself when `keepsafe phone` answers from another process,
/// woken by the store's notification. Times are printed, never asserted.
@Suite(
    "PostgreSQL store: the full-screen portal and the phone in two processes",
    .enabled(if: TestPostgres.shouldRun, Comment(rawValue: TestPostgres.skipReason)), .serialized)
struct PostgresTmuxPushTests {
    static let tools = ["tmux", "python3"]
    static let modules = ["pyte", "PIL", "zxingcpp"]

    /// Milliseconds since `start`.
    private func ms(since start: Date) -> Int { Int(Date().timeIntervalSince(start) * 1000) }

    @Test(
        "push enrollment and push log-in answered by keepsafe phone in another process",
        .enabled(
            if: PeerTools.shouldRun(tools: tools, pythonModules: modules),
            Comment(rawValue: PeerTools.skipReason(tools: tools, pythonModules: modules))))
    func push() throws {
        guard requireTools(Self.tools, Self.modules) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try TestPostgres.freshStoreURL("tmux")
        let made = try BuiltProducts.runKeepsafe(["store", "init", url])
        try #require(made.status == 0, "\(made.stderr)")
        let pilot = try portalInTmux(width: 100, height: 30, directory: directory, store: url)
        let email = "push@example.com"  // short: the QR must fit 100x30
        let uri = try pilot.startPushEnrollment(email: email)
        var started = Date()
        let added = try BuiltProducts.runKeepsafe(["phone", "add", "--store", url, uri])
        let addRan = ms(since: started)
        #expect(added.status == 0, "\(added.stderr)")
        started = Date()
        // No key is pressed: the portal notices the phone by itself.
        try pilot.pane.waitFor("I have safely recorded this code")
        let enrollMovedOn = ms(since: started)
        try pilot.toggle("I have safely recorded this code")
        try pilot.press("[ Continue ]")
        try pilot.pane.waitFor("My Profile")
        try pilot.press("Log out")
        try pilot.pane.waitFor("Log in")
        try pilot.logIn(email: email)
        let portalScreen = try pilot.pane.waitFor("approve the log-in request")
        let number = try #require(PortalPilot.numberToMatch(in: portalScreen))
        started = Date()
        let approved = try BuiltProducts.runKeepsafe(["phone", "approve", "--match", number, "--store", url])
        let approveRan = ms(since: started)
        #expect(approved.status == 0, "\(approved.stderr)")
        started = Date()
        try pilot.pane.waitFor("My Profile")
        let approveMovedOn = ms(since: started)
        try pilot.pane.keys("C-c")
        #expect(try pilot.pane.waitForExit() == 0)
        print(
            "full-screen portal on PostgreSQL: phone add ran \(addRan) ms, the portal moved on \(enrollMovedOn) ms "
                + "after it exited; phone approve ran \(approveRan) ms, moved on \(approveMovedOn) ms after "
                + "(tmux is sampled every 20 ms)")
    }
}
