import Foundation
import KeepsafeStore
import TestSupport
import Testing

private let tools = ["tmux", "oathtool"]

/// Issue 14's account flows in the built portal at 80x24, driven by their labels as the
/// independent checks do: "Forgot password?" to "Reset password", then My Profile's
/// "Change password" with "Current password" and the second factor.
@Suite("Account flows in tmux", .serialized)
struct TmuxAccountTests {
    /// The otpauth URI of the factor being enrolled, from the store (the QR code holds the
    /// same secret; decoding it is the QR tests' business).
    func pendingURI(_ store: FileStore, _ email: String) throws -> String {
        let factor = try #require(try store.read(Account.self, key: email)?.factors.first { $0.kind == .totp })
        return "otpauth://totp/keepsafe:\(email)?secret=\(try #require(factor.totpSecret))"
    }

    /// The newest mailed code with `subject` to `email`.
    func mailedCode(_ store: FileStore, _ email: String, subject: String) throws -> String {
        let mail = try #require(
            try store.list(MailMessage.self).filter { $0.to == email && $0.subject == subject }.max { $0.id < $1.id })
        let runs = mail.body.split { !$0.isNumber }
        return String(try #require(runs.first { (6...8).contains($0.count) }))
    }

    @Test(
        "Forgot password, then Change password, by label at 80x24",
        .enabled(if: PeerTools.shouldRun(tools: tools), Comment(rawValue: PeerTools.skipReason(tools: tools))))
    func resetThenChange() throws {
        guard requireTools(tools) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let email = "reset.tmux@example.com"
        let pilot = try portalInTmux(directory: directory)
        let store = try FileStore(path: directory.file("store"))
        try pilot.signUp(email: email)
        try pilot.choose("Authenticator app")
        try pilot.pane.waitFor("Can't scan?")
        let uri = try pendingURI(store, email)
        try pilot.fill("Code", try Oathtool.totp(uri: uri))
        try pilot.press("[ Continue ]")
        try pilot.acceptRecoveryCode()
        try pilot.press("Log out")
        try pilot.pane.waitFor("Forgot password?")

        try pilot.press("Forgot password?")
        try pilot.pane.waitFor("Send code")
        try pilot.fill("Email", email)
        try pilot.press("[ Send code ]")
        try pilot.pane.waitFor("a code is on its way")
        let code = try mailedCode(store, email, subject: "Your code to reset your password")
        try pilot.fill("Code", code)
        try pilot.fill("New password", "Lantern-Orchard-83")
        try pilot.fill("Confirm new password", "Lantern-Orchard-83")
        try pilot.press("[ Reset password ]")
        let reset = try pilot.pane.waitFor("Your password was changed.")
        #expect(reset.contains("Log in"))
        try pilot.pane.keys("C-c")
        #expect(try pilot.pane.waitForExit() == 0)

        // A new process 90 s ahead: the new password still meets the second factor.
        let again = try portalInTmux(extraArguments: ["--clock", "+90s"], directory: directory)
        try again.pane.waitFor("Log in")
        try again.logIn(email: email, password: "Lantern-Orchard-83")
        try again.pane.waitFor("authenticator app")
        try again.fill("Code", try Oathtool.totp(uri: uri, offset: 90))
        try again.toggle("Remember this device for 30 days")
        try again.press("[ Continue ]")
        try again.pane.waitFor("My Profile")
        try again.press("My Profile")
        try again.press("Change password")
        try again.pane.waitFor("Current password")
        try again.fill("Current password", "Lantern-Orchard-83")
        try again.fill("New password", "Meadow-Copper-71")
        try again.fill("Confirm new password", "Meadow-Copper-71")
        try again.press("[ Change password ]")
        try again.pane.waitFor("Confirm it's you")
        try again.fill("Code", try Oathtool.totp(uri: uri, offset: 120))
        try again.press("[ Continue ]")
        let changed = try again.pane.waitFor("Your password was changed. Other remembered devices were forgotten.")
        #expect(changed.contains("Change password"))

        // The Two-Factor page: "Add a backup method" asks for the second factor first;
        // this (remembered) device is listed and "Forget all devices" forgets it.
        try again.press("Two-Factor Authentication")
        try again.fill("Password", "Meadow-Copper-71")
        try again.press("[ Confirm ]")
        try again.pane.waitFor("Add a backup method")
        try again.press("[ Add a backup method ]")
        try again.pane.waitFor("Confirm it's you")
        try again.press("[ Cancel ]")
        try again.pane.waitFor("Add a backup method")
        try again.press("[ Forget all devices ]")
        // The button goes with the devices once the screen shows the change.
        try again.pane.waitUntil("Forget all devices gone") { !$0.contains("Forget all devices") }
        #expect(try store.read(Account.self, key: email)?.trustedDevices.isEmpty == true)
        try again.pane.keys("C-c")
        #expect(try again.pane.waitForExit() == 0)
        #expect(try store.list(MailMessage.self).contains { $0.to == email && $0.subject == "Your password was changed" })
    }
}
