import Foundation
import TestSupport
import Testing

/// The SMS and push enrollments in tmux, with the simulated channels: the SMS code read
/// from the store's outbox, the push QR scanned and approved by `keepsafe phone`.
@Suite("Portal in tmux: SMS and push", .serialized)
struct TmuxChannelsTests {
    static let tools = ["tmux", "python3"]
    static let modules = ["pyte", "PIL", "zxingcpp"]

    @Test(
        "SMS enrollment with the code from the outbox",
        .enabled(if: PeerTools.shouldRun(tools: tools), Comment(rawValue: PeerTools.skipReason(tools: tools)))
    )
    func sms() throws {
        guard requireTools(Self.tools) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pilot = try portalInTmux(width: 80, height: 24, directory: directory)
        try pilot.signUp(email: "sms@example.com")
        try pilot.choose("SMS")
        try pilot.pane.waitFor("Mobile number")
        // The country picker searches as you type.
        try pilot.pane.type("United Kingdom")
        try pilot.pane.waitFor("search: United Kingdom")
        try pilot.pane.keys("Enter")
        try pilot.pane.waitFor("Selected:")
        try pilot.fill("Mobile number", "7700900123")
        try pilot.press("[ Continue ]")
        try pilot.pane.waitFor("Enter the code we sent")
        let code = try outboxCode(store: directory.file("store"))
        try pilot.fill("Code", code)
        try pilot.press("[ Continue ]")
        try pilot.acceptRecoveryCode()
        try pilot.pane.keys("C-c")
        #expect(try pilot.pane.waitForExit() == 0)
    }

    @Test(
        "push enrollment scanned and log-in approved by keepsafe phone",
        .enabled(
            if: PeerTools.shouldRun(tools: tools, pythonModules: modules),
            Comment(rawValue: PeerTools.skipReason(tools: tools, pythonModules: modules))))
    func push() throws {
        guard requireTools(Self.tools, Self.modules) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pilot = try portalInTmux(width: 100, height: 30, directory: directory)
        let email = "push@example.com"
        let uri = try pilot.startPushEnrollment(email: email)
        // The compact push enrollment URI: the transaction packed in `tx` (issue 13).
        #expect(uri.hasPrefix("otpauth://totp/") && uri.contains("&tx="))
        let added = try BuiltProducts.runKeepsafe(["phone", "add", "--store", directory.file("store"), uri])
        #expect(added.status == 0, "\(added.stderr)")
        // No key is pressed: the portal notices the phone by itself.
        try pilot.acceptRecoveryCode()
        try pilot.press("Log out")
        try pilot.pane.waitFor("Log in")
        try pilot.pane.keys("C-c")
        _ = try pilot.pane.waitForExit()

        let again = try portalInTmux(width: 100, height: 30, directory: directory)
        try again.pane.waitFor("Log in")
        try again.logIn(email: email)
        let portalScreen = try again.pane.waitFor("approve the log-in request")
        // Number matching is on by default: the number is read off the portal's screen.
        let number = try #require(PortalPilot.numberToMatch(in: portalScreen))
        let approved = try BuiltProducts.runKeepsafe(
            ["phone", "approve", "--match", number, "--store", directory.file("store")])
        #expect(approved.status == 0, "\(approved.stderr)")
        try again.pane.waitFor("My Profile")
        try again.pane.keys("C-c")
        #expect(try again.pane.waitForExit() == 0)
    }

    /// The 6-digit code in the newest SMS of the store's outbox.
    private func outboxCode(store: String) throws -> String {
        let outbox = store + "/outbox/sms"
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: outbox)) ?? []
            for file in files where file.hasSuffix(".json") {
                let data = try Data(contentsOf: URL(fileURLWithPath: outbox + "/" + file))
                let body =
                    (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["body"] as? String ?? ""
                if let range = body.range(of: #"\b\d{6}\b"#, options: .regularExpression) {
                    return String(body[range])
                }
            }
            usleep(50_000)
        }
        throw TmuxSession.Failure("no SMS code in \(outbox)")
    }
}
