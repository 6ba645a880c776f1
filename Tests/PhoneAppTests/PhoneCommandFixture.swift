import Foundation
import KeepsafeFlow
import KeepsafeStore
import TestSupport
import Testing

/// A file store in a temporary directory with a real portal session on it (a manual
/// clock at 2026-05-01T09:00:00Z), and the built `keepsafe phone` run against it with
/// `--clock` set a little later, so the two agree on what has arrived and what is open.
final class PhoneCommandFixture {
    static let start = Date(timeIntervalSince1970: 1_777_626_000)
    let directory: TemporaryDirectory
    let store: FileStore
    let clock: any FlowClock
    let portal: PortalSession

    /// - Parameter clock: the portal's clock: a manual one at `start` by default; the
    ///   tmux tests use the real time, as the phone process does.
    init(policy: Policy = .testing(), clock: any FlowClock = ManualClock(PhoneCommandFixture.start)) throws {
        self.clock = clock
        directory = try TemporaryDirectory(prefix: "keepsafe-phone")
        store = try FileStore(path: directory.file("store"), initialPolicy: policy)
        portal = try PortalSession(
            store: store,
            environment: PortalEnvironment(clock: clock, deviceName: "laptop", keyring: InMemoryKeyring()))
    }

    deinit { directory.remove() }

    /// Runs `keepsafe phone ARGS --store STORE --clock (portal time + 10 s)`.
    func phone(_ arguments: [String], clockOffset: TimeInterval = 10) throws -> Subprocess.Result {
        let time = ISO8601DateFormatter().string(from: clock.now().addingTimeInterval(clockOffset))
        return try BuiltProducts.runKeepsafe(
            ["phone"] + arguments + ["--store", store.path, "--clock", time])
    }

    /// Runs a `--json` command that must succeed and decodes its output.
    func json(_ arguments: [String], clockOffset: TimeInterval = 10) throws -> Any {
        let result = try phone(arguments + ["--json"], clockOffset: clockOffset)
        #expect(result.status == 0, "keepsafe phone \(arguments) failed: \(result.stderr)")
        return try JSONSerialization.jsonObject(with: result.stdoutData)
    }

    /// Signs Alice up and stops at "Keep Your Account Safe".
    func signUp(_ email: String = "alice@example.com") throws {
        try portal.press(label: "Sign up")
        try portal.fill(label: "Email", with: email)
        try portal.fill(label: "Full name", with: "Alice Example")
        try portal.fill(label: "Company", with: "Acme")
        try portal.fill(label: "Password", with: "correct horse battery")
        try portal.fill(label: "Confirm password", with: "correct horse battery")
        try portal.press(label: "Sign up")
    }

    /// From "Keep Your Account Safe": chooses SMS, a United Kingdom `number`, Continue (the
    /// portal sends the code and asks for it).
    func sendSMSCode(to number: String) throws {
        try portal.press(label: "SMS")
        portal.dispatch(.focus("country"))
        for character in "gb" { portal.send(.character(character)) }
        portal.send(.enter)
        try portal.fill(label: "Mobile number", with: number)
        try portal.press(label: "Continue")
    }

    /// Logs Alice in (from the log-in page).
    func logIn(_ email: String = "alice@example.com") throws {
        try portal.fill(label: "Email", with: email)
        try portal.fill(label: "Password", with: "correct horse battery")
        try portal.press(label: "Log in")
    }

    /// Polls the portal until it shows `screen` (the phone acts in another process).
    func waitForPortal(_ screen: String, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            portal.poll()
            if portal.screen.id == screen { return true }
            usleep(100_000)
        } while Date() < deadline
        return false
    }

    var qrPayload: String? {
        for case .qr(let block) in portal.screen.elements { return block.payload }
        return nil
    }

    /// From the recovery code screen to home.
    func acceptRecoveryCode() throws {
        try portal.toggle(label: "I have safely recorded this code")
        try portal.press(label: "Continue")
    }
}
