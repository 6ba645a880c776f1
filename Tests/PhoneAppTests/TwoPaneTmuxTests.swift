import Foundation
import TestSupport
import Testing

/// The built portal and the built `keepsafe phone` side by side in one tmux window, on one
/// fresh store: everything the test learns from either program it reads off its pane.
@Suite(.serialized) struct TwoPaneTmuxTests {
    static let tools = ["tmux", "python3"]
    static let modules = ["pyte", "PIL", "zxingcpp"]
    static let width = 200
    static let height = 50
    let email = "alice@example.com"
    let password = "Correct-Horse-9-Battery"

    /// A temporary store with cheap password hashing, the portal on the left and the phone
    /// (with `phoneArguments`) on the right, both on that store through `KEEPSAFE_STORE`.
    func start(_ directory: TemporaryDirectory, phoneArguments: [String] = []) throws -> TwoPaneTmux {
        let store = directory.file("store")
        let home = directory.file("home")
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try Data(#"{"password":{"iterations":1000}}"#.utf8).write(
            to: URL(fileURLWithPath: directory.file("store/policy.json")))
        let tmux = try TwoPaneTmux(
            left: [BuiltProducts.keepsafe, "--device", "laptop", "--theme", "dark"],
            right: [BuiltProducts.keepsafe, "phone"] + phoneArguments, width: Self.width, height: Self.height,
            environment: [
                "KEEPSAFE_STORE": store, "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                "HOME": home, "XDG_STATE_HOME": home + "/state", "NO_COLOR": "",
            ])
        try tmux.waitFor(tmux.left, "Log in")
        try tmux.waitFor(tmux.right, "1 Authenticator")
        return tmux
    }

    /// The first match of `pattern`'s first group in `screen`.
    func find(_ pattern: String, in screen: String) -> String? {
        guard let range = screen.range(of: pattern, options: .regularExpression) else { return nil }
        let match = String(screen[range])
        return match.range(of: #"\d{6}"#, options: .regularExpression).map { String(match[$0]) }
    }

    func requireTools(_ modules: [String] = []) -> Bool {
        let missing = PeerTools.missing(tools: Self.tools, pythonModules: modules)
        for name in missing { Issue.record("missing peer tool: \(name)") }
        return missing.isEmpty
    }

    @Test(
        .enabled(if: PeerTools.shouldRun(tools: tools), Comment(rawValue: PeerTools.skipReason(tools: tools)))
    )
    func smsEnrollmentWithTheCodeReadFromThePhonePane() throws {
        guard requireTools() else { return }
        let directory = try TemporaryDirectory(prefix: "keepsafe-two-pane")
        defer { directory.remove() }
        let tmux = try start(directory, phoneArguments: ["--number", "+447700900123"])
        defer { tmux.close() }
        let portal = PortalPilot(tmux: tmux, pane: tmux.left)
        try portal.signUp(email: email, password: password)
        try portal.choose("SMS")
        try tmux.waitFor(tmux.left, "Mobile number")
        // The country picker searches as you type.
        try tmux.type(tmux.left, "United Kingdom")
        try tmux.waitFor(tmux.left, "search: United Kingdom")
        try tmux.keys(tmux.left, "Enter")
        try tmux.waitFor(tmux.left, "Selected:")
        try portal.fill("Mobile number", "7700900123")
        try portal.press("[ Continue ]")
        try tmux.waitFor(tmux.left, "Enter the code we sent")

        // The phone shows the message by itself; Enter opens it.
        try tmux.waitFor(tmux.right, "SMS to +447700900123")
        try tmux.keys(tmux.right, "Enter")
        let phone = try tmux.waitUntil(tmux.right, "the code") { find(#"Code \d{6}"#, in: $0) != nil }
        let code = try #require(find(#"Code \d{6}"#, in: phone))
        #expect(phone.contains("Your verification code is \(code)."))
        try portal.fill("Code", code)
        try portal.press("[ Continue ]")
        try portal.acceptRecoveryCode()
    }

    @Test(
        .enabled(
            if: PeerTools.shouldRun(tools: tools, pythonModules: modules),
            Comment(rawValue: PeerTools.skipReason(tools: tools, pythonModules: modules))))
    func pushEnrollmentAndApprovalOnThePhonePane() throws {
        guard requireTools(Self.modules) else { return }
        let directory = try TemporaryDirectory(prefix: "keepsafe-two-pane")
        defer { directory.remove() }
        let tmux = try start(directory)
        defer { tmux.close() }
        let portal = PortalPilot(tmux: tmux, pane: tmux.left)
        try portal.signUp(email: email, password: password)
        try portal.choose("Push notification")
        try portal.press("[ Continue ]")
        try tmux.waitFor(tmux.left, "Waiting for your phone")
        let uri = try decodeQR(tmux, directory: directory)
        // The compact push enrollment URI: the transaction packed in `tx` (issue 13).
        #expect(uri.hasPrefix("otpauth://totp/") && uri.contains("&tx="))

        // On the phone's screen: the push app, Add account, paste what the QR encodes, Enter.
        try tmux.keys(tmux.right, "4")
        try tmux.waitFor(tmux.right, "[ Add account ]")
        try tmux.keys(tmux.right, "Enter")
        try tmux.waitFor(tmux.right, "URI")
        try tmux.type(tmux.right, uri)
        try tmux.keys(tmux.right, "Enter")
        try tmux.waitFor(tmux.right, "Push notifications on for")
        // No key is pressed in the portal: it notices the phone by itself.
        try portal.acceptRecoveryCode()
        try portal.press("Log out")
        try tmux.waitFor(tmux.left, "Log in")

        try portal.fill("Email", email)
        try portal.fill("Password", password)
        try portal.press("[ Log in ]")
        let portalScreen = try tmux.waitFor(tmux.left, "approve the log-in request")
        // Number matching is on by default: the number is read off the portal pane.
        let number = try #require(numberToMatch(in: portalScreen), "\(portalScreen)")
        try tmux.waitFor(tmux.right, "Log-in request for")
        try tmux.keys(tmux.right, "Enter")
        let prompt = try tmux.waitFor(tmux.right, "[ Approve ]")
        #expect(prompt.contains("Log in as \(email)?"))
        #expect(prompt.contains("laptop"))
        try tmux.type(tmux.right, number)
        try tmux.keys(tmux.right, "Enter")
        try tmux.waitFor(tmux.right, "Approved")
        try tmux.waitFor(tmux.left, "My Profile")
    }

    /// The QR on the portal pane, decoded by termshot.py from a capture with colours.
    func decodeQR(_ tmux: TwoPaneTmux, directory: TemporaryDirectory) throws -> String {
        let termshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tools/termshot.py").path
        let file = directory.file("capture.txt")
        try tmux.capture(tmux.left, escapes: true).write(toFile: file, atomically: true, encoding: .utf8)
        let columns = try tmux.format(tmux.left, "#{pane_width}")
        let rows = try tmux.format(tmux.left, "#{pane_height}")
        let result = try Subprocess.run(
            "python3", [termshot, file, "--theme", "dark", "--cols", columns, "--rows", rows])
        let texts = result.stdout.split(separator: "\n").map(String.init)
        let screen = try tmux.capture(tmux.left)
        return try #require(
            texts.first,
            "no QR decoded from the portal pane (\(result.stderr)):\n\(screen)")
    }
}
