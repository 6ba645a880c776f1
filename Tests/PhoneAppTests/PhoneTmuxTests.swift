import Foundation
import KeepsafeFlow
import KeepsafeStore
import OneTimePassword
import TestSupport
import Testing

/// The built `keepsafe phone` in a tmux pane, read with `capture-pane`, against a portal
/// session on the same file store (in this process, with the real clock, as a second
/// terminal would run it). Everything the test learns from the phone it reads off the
/// phone's screen.
@Suite(.serialized) struct PhoneTmuxTests {
    static let tools = ["tmux"]

    /// Starts the phone in a 40×30 pane on the fixture's store.
    func phonePane(_ fixture: PhoneCommandFixture, _ arguments: [String] = []) throws -> TmuxPane {
        let pane = try TmuxSession(
            width: 40, height: 30,
            command: [BuiltProducts.keepsafe, "phone", "--store", fixture.store.path] + arguments,
            environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
        ).main
        try pane.waitFor("1 Authenticator")
        return pane
    }

    /// The first match of `pattern`'s first group on `screen`.
    func find(_ pattern: String, in screen: [String]) -> String? {
        let regex = try? NSRegularExpression(pattern: pattern)
        for line in screen {
            let range = NSRange(line.startIndex..., in: line)
            if let match = regex?.firstMatch(in: line, range: range),
                let group = Range(match.range(at: 1), in: line)
            {
                return String(line[group])
            }
        }
        return nil
    }

    func requireTools() -> Bool {
        let missing = PeerTools.missing(tools: Self.tools + ["oathtool"])
        if !missing.isEmpty { Issue.record("missing peer tools: \(missing.joined(separator: ", "))") }
        return missing.isEmpty
    }

    @Test(
        .enabled(
            if: PeerTools.shouldRun(tools: ["tmux", "oathtool"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["tmux", "oathtool"]))))
    func smsEnrollmentWithTheCodeReadFromThePhonesScreen() throws {
        guard requireTools() else { return }
        let fixture = try PhoneCommandFixture(clock: SystemClock())
        let pane = try phonePane(fixture, ["--number", "+447700900123"])
        defer { pane.session.close() }
        try fixture.signUp()
        try fixture.sendSMSCode(to: "07700 900123")
        #expect(fixture.portal.screen.id == "enroll.sms.code")

        // The notification appears by itself; Enter opens the message.
        try pane.waitFor("SMS to +447700900123")
        try pane.keys("Enter")
        let screen = try pane.waitForRows("the highlighted code") { find(#"Code (\d{6})"#, in: $0) != nil }
        let code = try #require(find(#"Code (\d{6})"#, in: screen))
        #expect(screen.contains { $0.contains("Your verification code is \(code).") })
        try fixture.portal.fill(label: "Code", with: code)
        try fixture.portal.press(label: "Continue")
        #expect(fixture.portal.screen.id == "recovery.show")
    }

    @Test(
        .enabled(
            if: PeerTools.shouldRun(tools: ["tmux", "oathtool"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["tmux", "oathtool"]))))
    func pushEnrollmentAndApprovalOnThePhonesScreen() throws {
        guard requireTools() else { return }
        let fixture = try PhoneCommandFixture(clock: SystemClock())
        let pane = try phonePane(fixture)
        defer { pane.session.close() }
        try fixture.signUp()
        try fixture.portal.press(label: "Push notification")
        try fixture.portal.press(label: "Continue")
        let uri = try #require(fixture.qrPayload)

        // The push app: Add account, paste what the QR encodes, Enter.
        try pane.keys("4")
        try pane.waitFor("[ Add account ]")
        try pane.keys("Enter")
        try pane.waitFor("URI")
        try pane.type(uri)
        try pane.keys("Enter")
        try pane.waitFor("Push notifications on for")
        #expect(fixture.waitForPortal("recovery.show"), "the portal noticed the phone's enrollment")
        try fixture.acceptRecoveryCode()
        try fixture.portal.press(label: "Log out")

        try fixture.logIn()
        #expect(fixture.portal.screen.id == "challenge.push")
        try pane.waitFor("Log-in request for")
        try pane.keys("Enter")
        let prompt = try pane.waitFor("[ Approve ]").components(separatedBy: "\n")
        #expect(prompt.contains { $0.contains("Log in as alice@example.com?") })
        #expect(prompt.contains { $0.contains("laptop") })
        // Number matching is on by default: type the number the portal shows.
        let number = try #require(fixture.portal.state.numberToMatch)
        try pane.type(String(number))
        try pane.keys("Enter")
        try pane.waitFor("Approved")
        #expect(fixture.waitForPortal("home"), "the portal let Alice in after Approve on the phone")
    }

    /// The phone's time line (`09:41:05 UTC`) and its first code, read together.
    func timeAndCode(_ screen: [String]) -> (Date, String)? {
        guard let time = find(#"(\d\d:\d\d:\d\d) UTC"#, in: screen),
            let code = find(#"^\s+(\d{3} \d{3})\s*$"#, in: screen)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = time.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 3,
            let date = calendar.date(bySettingHour: parts[0], minute: parts[1], second: parts[2], of: Date())
        else { return nil }
        return (date, code.replacingOccurrences(of: " ", with: ""))
    }

    @Test(
        .enabled(
            if: PeerTools.shouldRun(tools: ["tmux", "oathtool"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["tmux", "oathtool"]))))
    func authenticatorCodesOnScreenEqualOathtoolsAtTheShownTime() throws {
        guard requireTools() else { return }
        let fixture = try PhoneCommandFixture(clock: SystemClock())
        let secret = "JBSWY3DPEHPK3PXP"
        _ = try fixture.json(["add", "otpauth://totp/Acme:bob@example.com?secret=\(secret)&issuer=Acme"])
        for skew in ["0", "-45s", "95s"] {
            let pane = try phonePane(fixture, ["--skew=\(skew)"])
            defer { pane.session.close() }
            try pane.keys("1")
            let screen = try pane.waitForRows("a code") { timeAndCode($0) != nil }
            let (time, code) = try #require(timeAndCode(screen))
            let stamp = ISO8601DateFormatter().string(from: time).replacingOccurrences(of: "T", with: " ")
                .replacingOccurrences(of: "Z", with: " UTC")
            let oath = try Subprocess.run("oathtool", ["--totp", "-b", secret, "--now", stamp])
            #expect(oath.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == code, "skew \(skew)")
        }
    }

    @Test(
        .enabled(
            if: PeerTools.shouldRun(tools: ["tmux", "oathtool"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["tmux", "oathtool"]))))
    func aFastPhoneClockIsFoundByTheClockCheckNotByARefusedCode() throws {
        guard requireTools() else { return }
        let fixture = try PhoneCommandFixture(clock: SystemClock())
        try fixture.signUp()
        try fixture.portal.press(label: "Authenticator app")
        let uri = try #require(fixture.qrPayload)
        _ = try fixture.json(["add", uri], clockOffset: 0)
        try fixture.portal.fill(label: "Code", with: try OTPAuthURI.parse(uri).totp().code(at: Date()))
        try fixture.portal.press(label: "Continue")
        try fixture.acceptRecoveryCode()

        let pane = try phonePane(fixture, ["--skew=90s"])
        defer { pane.session.close() }
        try pane.keys("1")
        let screen = try pane.waitForRows("a code") { timeAndCode($0) != nil }
        #expect(screen.contains { $0.contains("clock 90 s fast") })
        let (phoneTime, code) = try #require(timeAndCode(screen))
        let totp = try OTPAuthURI.parse(uri).totp()
        #expect(totp.code(at: phoneTime) == code, "the phone shows the code of its own (fast) time")
        func messages() -> [String] {
            fixture.portal.screen.elements.compactMap { element -> String? in
                if case .message(let message) = element { return message.text }
                return nil
            }
        }
        // "Check my phone's clock": the code the phone shows, then the one after it
        // (the phone's secret at its own time, 90 s ahead, one step later).
        try fixture.portal.press(label: "My Profile")
        try fixture.portal.press(label: "Two-Factor Authentication")
        try fixture.portal.fill(label: "Password", with: "correct horse battery")
        try fixture.portal.press(label: "Confirm")
        try fixture.portal.press(label: "Check my phone's clock")
        let next = totp.code(step: totp.step(at: phoneTime) + 1)
        try fixture.portal.fill(label: "Code now", with: code)
        try fixture.portal.fill(label: "Next code", with: next)
        try fixture.portal.press(label: "Check")
        let found = messages()
        // The phone is 90 s, three whole steps, ahead; the check is one step finer only
        // when the portal's step turned between reading the pane and checking.
        #expect(
            found.contains {
                $0.contains("clock looks about 90 s fast") || $0.contains("clock looks about 120 s fast")
            },
            "\(found)")

        // A refused code from that phone says nothing about clocks.
        try fixture.portal.press(label: "Back")
        try fixture.portal.press(label: "Back")
        try fixture.portal.press(label: "Back to home")
        try fixture.portal.press(label: "Log out")
        try fixture.logIn()
        #expect(fixture.portal.screen.id == "challenge.totp")
        let later = try OTPAuthURI.parse(uri).totp().code(at: Date().addingTimeInterval(150))
        try fixture.portal.fill(label: "Code", with: later)
        try fixture.portal.press(label: "Continue")
        #expect(!messages().contains { $0.contains("clock") }, "\(messages())")
    }
}
