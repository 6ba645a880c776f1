import Foundation
import KeepsafeFlow
import KeepsafeStore
import OneTimePassword
import TestSupport
import Testing

/// `keepsafe phone add|codes|inbox|mail|pending|approve|deny --json`, run as a separate
/// process against a store a real portal session writes.
@Suite struct PhoneCommandTests {
    @Test(
        .enabled(
            if: PeerTools.shouldRun(tools: ["oathtool"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["oathtool"]))))
    func addThenCodesMatchOathtool() throws {
        guard PeerTools.which("oathtool") != nil else {
            Issue.record("oathtool is not installed")
            return
        }
        let fixture = try PhoneCommandFixture()
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        let uri =
            "otpauth://totp/Acme:bob@example.com?secret=\(secret)&issuer=Acme&digits=8&period=60&algorithm=SHA256"
        let added = try #require(try fixture.json(["add", uri]) as? [String: Any])
        #expect(added["kind"] as? String == "authenticator")
        #expect(added["label"] as? String == "Acme:bob@example.com")
        #expect(added["secret"] == nil, "the output never shows a secret")

        // A negative skew needs the `=` form, or it reads as an option.
        for skew in ["0", "-95s", "2m"] {
            let output = try #require(try fixture.json(["codes", "--skew=\(skew)"]) as? [String: Any])
            let time = try #require(output["time"] as? String)
            let accounts = try #require(output["accounts"] as? [[String: Any]])
            #expect(accounts.count == 1)
            let entry = try #require(accounts.first)
            #expect(entry["period"] as? Int == 60)
            // oathtool at the phone's time (portal clock + skew) for the same secret.
            let instant = try #require(ISO8601DateFormatter().date(from: time))
            let stamp = ISO8601DateFormatter().string(from: instant).replacingOccurrences(of: "T", with: " ")
                .replacingOccurrences(of: "Z", with: " UTC")
            let oath = try Subprocess.run(
                "oathtool",
                ["--totp=sha256", "--digits=8", "--time-step-size=60s", "-b", secret, "--now", stamp])
            #expect(oath.status == 0, "oathtool: \(oath.stderr)")
            #expect(entry["code"] as? String == oath.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            let left = try #require(entry["secondsLeft"] as? Int)
            #expect((1...60).contains(left))
        }
    }

    @Test func inboxShowsTheSMSCodeThatCompletesEnrollment() throws {
        let fixture = try PhoneCommandFixture()
        try fixture.signUp()
        try fixture.sendSMSCode(to: "07700 900123")
        #expect(fixture.portal.screen.id == "enroll.sms.code")

        let inbox = try #require(try fixture.json(["inbox", "+447700900123"]) as? [String: Any])
        #expect(inbox["number"] as? String == "+447700900123")
        let messages = try #require(inbox["messages"] as? [[String: Any]])
        #expect(messages.count == 1)
        let code = try #require(messages.first?["code"] as? String)
        #expect(
            messages.first?["body"] as? String
                == "Your verification code is \(code). It expires in 15 minutes.")
        #expect(messages.first?["receivedAt"] as? String == "2026-05-01T09:00:00Z")
        // Before delivery (the phone's clock earlier than the message), nothing.
        let early = try #require(
            try fixture.json(["inbox", "+447700900123"], clockOffset: -60) as? [String: Any])
        #expect((early["messages"] as? [Any])?.isEmpty == true)
        // Other numbers see nothing.
        let other = try #require(try fixture.json(["inbox", "+447700900999"]) as? [String: Any])
        #expect((other["messages"] as? [Any])?.isEmpty == true)

        try fixture.portal.fill(label: "Code", with: code)
        try fixture.portal.press(label: "Continue")
        #expect(fixture.portal.screen.id == "recovery.show")
    }

    @Test func mailListsTheSecurityNotices() throws {
        let fixture = try PhoneCommandFixture()
        try fixture.signUp()
        try fixture.portal.press(label: "Push notification")
        try fixture.portal.press(label: "Continue")
        let uri = try #require(fixture.qrPayload)
        _ = try fixture.json(["add", uri])
        fixture.portal.poll()
        try fixture.acceptRecoveryCode()
        let mail = try #require(try fixture.json(["mail", "ALICE@example.com"]) as? [String: Any])
        #expect(mail["email"] as? String == "alice@example.com")
        let messages = try #require(mail["messages"] as? [[String: Any]])
        let stored = try fixture.store.list(MailMessage.self).filter { $0.to == "alice@example.com" }
        #expect(!stored.isEmpty)
        #expect(Set(messages.compactMap { $0["id"] as? String }) == Set(stored.map(\.id)))
        #expect(messages.allSatisfy { $0["subject"] is String && $0["body"] is String })
    }

    /// "Can't scan?" on the push screen: the code shown there, typed into `phone add`,
    /// enrolls the phone like the QR code; a code with one letter wrong enrolls nothing.
    @Test func pushEnrollmentByTheTypedCode() throws {
        let fixture = try PhoneCommandFixture()
        try fixture.signUp()
        try fixture.portal.press(label: "Push notification")
        try fixture.portal.press(label: "Continue")
        try fixture.portal.press(label: "Can't scan?")
        var shown: String?
        for case .code(let text) in fixture.portal.screen.elements { shown = text }
        let code = try #require(shown)
        #expect(code.split(separator: " ").allSatisfy { $0.count <= 4 }, "groups of four: \(code)")

        // One letter of the secret changed: refused, and the portal still waits. (Not the
        // last letter: it carries only 3 bits of data, and the padding bits are ignored.)
        var letters = Array(code)
        let inSecret = try #require(letters[..<(letters.count - 10)].lastIndex { $0 != " " })
        letters[inSecret] = letters[inSecret] == "A" ? "B" : "A"
        let typo = try fixture.phone(["add", String(letters)])
        #expect(typo.status == 1)
        #expect(typo.stderr.hasPrefix("keepsafe: no enrollment "), "\(typo.stderr)")
        fixture.portal.poll()
        #expect(fixture.portal.screen.id == "enroll.push.qr")

        // Typed as people type: lower case, dashes for spaces.
        let typed = code.lowercased().replacingOccurrences(of: " ", with: "-")
        let added = try #require(try fixture.json(["add", typed]) as? [String: Any])
        #expect(added["kind"] as? String == "push")
        #expect(added["label"] as? String == "Northwind:alice@example.com")
        fixture.portal.poll()
        #expect(fixture.portal.screen.id == "recovery.show")
        // The secret came with the typed code: the phone's fallback code logs in.
        try fixture.acceptRecoveryCode()
        let codes = try #require(try fixture.json(["codes"]) as? [String: Any])
        let accounts = try #require(codes["accounts"] as? [[String: Any]])
        #expect(accounts.count == 1)
        let fallback = try #require(accounts.first?["code"] as? String)
        try fixture.portal.press(label: "Log out")
        try fixture.portal.fill(label: "Email", with: "alice@example.com")
        try fixture.portal.fill(label: "Password", with: "correct horse battery")
        try fixture.portal.press(label: "Log in")
        #expect(fixture.portal.screen.id == "challenge.push")
        try fixture.portal.press(label: "Enter a code manually")
        try fixture.portal.fill(label: "Code", with: fallback)
        try fixture.portal.press(label: "Continue")
        #expect(fixture.portal.screen.id == "home", "\(fixture.portal.screen.id)")
    }

    @Test func pushEnrollmentThenPendingApproveAndDeny() throws {
        let fixture = try PhoneCommandFixture()
        try fixture.signUp()
        try fixture.portal.press(label: "Push notification")
        try fixture.portal.press(label: "Continue")
        let uri = try #require(fixture.qrPayload)
        let added = try #require(try fixture.json(["add", uri]) as? [String: Any])
        #expect(added["kind"] as? String == "push")
        fixture.portal.poll()
        #expect(fixture.portal.screen.id == "recovery.show")
        try fixture.acceptRecoveryCode()
        try fixture.portal.press(label: "Log out")

        // Nothing waiting: approve fails with exit 1 and one line.
        let none = try fixture.phone(["approve"])
        #expect(none.status == 1)
        #expect(none.stderr == "keepsafe: no push request is waiting on the phone\n")

        try fixture.portal.fill(label: "Email", with: "alice@example.com")
        try fixture.portal.fill(label: "Password", with: "correct horse battery")
        try fixture.portal.press(label: "Log in")
        #expect(fixture.portal.screen.id == "challenge.push")
        let pending = try #require(try fixture.json(["pending"]) as? [[String: Any]])
        #expect(pending.count == 1)
        let request = try #require(pending.first)
        #expect(request["account"] as? String == "alice@example.com")
        #expect(request["device"] as? String == "laptop")
        #expect(request["status"] as? String == "pending")
        // Number matching is on by default: the number the portal shows, with --match.
        let number = try #require(fixture.portal.state.numberToMatch)
        #expect(request["numberToMatch"] as? Int == number)
        let approved = try #require(
            try fixture.json(["approve", "--match", String(number)]) as? [String: Any])
        #expect(approved["id"] as? String == request["id"] as? String)
        #expect(approved["status"] as? String == "approved")
        fixture.portal.poll()
        #expect(fixture.portal.screen.id == "home")

        try fixture.portal.press(label: "Log out")
        try fixture.portal.fill(label: "Email", with: "alice@example.com")
        try fixture.portal.fill(label: "Password", with: "correct horse battery")
        try fixture.portal.press(label: "Log in")
        let second = try #require(
            (try fixture.json(["pending"]) as? [[String: Any]])?.first?["id"] as? String)
        let denied = try #require(try fixture.json(["deny", second]) as? [String: Any])
        #expect(denied["status"] as? String == "denied")
        // A deny is final.
        let again = try fixture.phone(["approve", second])
        #expect(again.status == 1)
        #expect(try fixture.store.read(PushRequest.self, key: second)?.status == .denied)
        // An expired request is not offered (5 minutes later).
        #expect((try fixture.json(["pending"], clockOffset: 301) as? [Any])?.isEmpty == true)
    }

    @Test func badInputIsExit2WithOneLine() throws {
        let fixture = try PhoneCommandFixture()
        let bad = try fixture.phone(["add", "https://example.com/not-otp"])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("keepsafe: the phone cannot add this URI"))
        #expect(bad.stderr.filter { $0 == "\n" }.count == 1)
        let skew = try fixture.phone(["codes", "--skew", "fast"])
        #expect(skew.status == 2)
        #expect(skew.stderr.contains("--skew"))
        let empty = try #require(try fixture.json(["codes"]) as? [String: Any])
        #expect((empty["accounts"] as? [Any])?.isEmpty == true)
    }
}
