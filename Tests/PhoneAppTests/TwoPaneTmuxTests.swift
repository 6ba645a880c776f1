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
    func start(_ directory: TemporaryDirectory, phoneArguments: [String] = []) throws -> (
        left: TmuxPane, right: TmuxPane
    ) {
        let store = directory.file("store")
        let home = directory.file("home")
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try Data(#"{"password":{"iterations":1000}}"#.utf8).write(
            to: URL(fileURLWithPath: directory.file("store/policy.json")))
        let environment = [
            "KEEPSAFE_STORE": store, "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "HOME": home, "XDG_STATE_HOME": home + "/state", "NO_COLOR": "",
        ]
        let session = try TmuxSession(
            width: Self.width, height: Self.height,
            command: [BuiltProducts.keepsafe, "--device", "laptop", "--theme", "dark"],
            environment: environment,
            defaultTimeout: 20)
        let right = try session.split(
            [BuiltProducts.keepsafe, "phone"] + phoneArguments, environment: environment)
        try session.main.waitFor("Log in")
        try right.waitFor("1 Authenticator")
        return (session.main, right)
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
        let (left, right) = try start(directory, phoneArguments: ["--number", "+447700900123"])
        defer { left.session.close() }
        let portal = PortalPilot(pane: left)
        try portal.signUp(email: email, password: password)
        try portal.choose("SMS")
        try left.waitFor("Mobile number")
        // The country picker searches as you type.
        try left.type("United Kingdom")
        try left.waitFor("search: United Kingdom")
        try left.keys("Enter")
        try left.waitFor("Selected:")
        try portal.fill("Mobile number", "7700900123")
        try portal.press("[ Continue ]")
        try left.waitFor("Enter the code we sent")

        // The phone shows the message by itself; Enter opens it.
        try right.waitFor("SMS to +447700900123")
        try right.keys("Enter")
        let phone = try right.waitUntil("the code") { find(#"Code \d{6}"#, in: $0) != nil }
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
        let (left, right) = try start(directory)
        defer { left.session.close() }
        let portal = PortalPilot(pane: left)
        try portal.signUp(email: email, password: password)
        try portal.choose("Push notification")
        try portal.press("[ Continue ]")
        try left.waitFor("Waiting for your phone")
        let uri = try left.decodeQR(theme: "dark")
        // The compact push enrollment URI: the transaction packed in `tx` (issue 13).
        #expect(uri.hasPrefix("otpauth://totp/") && uri.contains("&tx="))

        // On the phone's screen: the push app, Add account, paste what the QR encodes, Enter.
        try right.keys("4")
        try right.waitFor("[ Add account ]")
        try right.keys("Enter")
        try right.waitFor("URI")
        try right.type(uri)
        try right.keys("Enter")
        try right.waitFor("Push notifications on for")
        // No key is pressed in the portal: it notices the phone by itself.
        try portal.acceptRecoveryCode()
        try portal.press("Log out")
        try left.waitFor("Log in")

        try portal.fill("Email", email)
        try portal.fill("Password", password)
        try portal.press("[ Log in ]")
        let portalScreen = try left.waitFor("approve the log-in request")
        // Number matching is on by default: the number is read off the portal pane.
        let number = try #require(PortalPilot.numberToMatch(in: portalScreen), "\(portalScreen)")
        try right.waitFor("Log-in request for")
        try right.keys("Enter")
        let prompt = try right.waitFor("[ Approve ]")
        #expect(prompt.contains("Log in as \(email)?"))
        #expect(prompt.contains("laptop"))
        try right.type(number)
        try right.keys("Enter")
        try right.waitFor("Approved")
        try left.waitFor("My Profile")
    }
}
