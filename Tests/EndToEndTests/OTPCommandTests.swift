import Foundation
import TestSupport
import Testing

/// `keepsafe otp` run as a built binary.
@Suite("keepsafe otp")
struct OTPCommandTests {
    static let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  // "12345678901234567890"

    @Test(
        "the code equals oathtool's for the same URI and time",
        .enabled(
            if: PeerTools.shouldRun(tools: ["oathtool"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["oathtool"]))),
        arguments: [
            ("SHA1", 6, 30, "1111111109"), ("SHA256", 8, 30, "2000000000"), ("SHA512", 7, 60, "1234567890"),
            ("SHA1", 8, 1, "4102444800"),
        ])
    func matchesOathtool(algorithm: String, digits: Int, period: Int, time: String) throws {
        guard PeerTools.which("oathtool") != nil else {
            Issue.record("end-to-end test needs oathtool")
            return
        }
        let uri =
            "otpauth://totp/Example%20Co:alice%40example.com?secret=\(Self.secret)&issuer=Example%20Co"
            + "&algorithm=\(algorithm)&digits=\(digits)&period=\(period)"
        let ours = try BuiltProducts.runKeepsafe(["otp", "--at", time, uri])
        let theirs = try Subprocess.run(
            "oathtool",
            [
                "--totp=\(algorithm)", "-b", "-d", "\(digits)", "-s", "\(period)s", "-N", "@\(time)",
                Self.secret,
            ])
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(theirs.status == 0)
        #expect(ours.stdout == theirs.stdout)
        #expect(ours.stderr.isEmpty)
    }

    @Test("--at takes ISO 8601 as well as Unix seconds")
    func isoTime() throws {
        let uri = "otpauth://totp/alice?secret=\(Self.secret)&digits=8"
        let iso = try BuiltProducts.runKeepsafe(["otp", "--at", "2005-03-18T01:58:29Z", uri])
        let unix = try BuiltProducts.runKeepsafe(["otp", "--at", "1111111109", uri])
        #expect(iso.status == 0 && unix.status == 0)
        #expect(iso.stdout == "07081804\n")  // RFC 6238 Appendix B
        #expect(unix.stdout == iso.stdout)
    }

    @Test("--json carries the code, the step and the seconds left")
    func json() throws {
        let uri = "otpauth://totp/alice?secret=\(Self.secret)&digits=8"
        let result = try BuiltProducts.runKeepsafe(["otp", "--json", "--at", "1111111111", uri])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect(object["code"] as? String == "14050471")
        #expect(object["step"] as? Int == 1_111_111_111 / 30)
        #expect(object["secondsLeft"] as? Int == 30 - 1_111_111_111 % 30)
        #expect(object["type"] as? String == "totp")
        #expect(object["time"] as? String == "2005-03-18T01:58:31Z")
    }

    @Test("- reads the URI from stdin, keeping the secret out of the process list")
    func stdin() throws {
        let uri = "otpauth://totp/alice?secret=\(Self.secret)&digits=8\n"
        let result = try BuiltProducts.runKeepsafe(["otp", "--at", "59", "-"], stdin: Data(uri.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "94287082\n")  // RFC 6238 Appendix B
        let empty = try BuiltProducts.runKeepsafe(["otp", "-"], stdin: Data())
        #expect(empty.status == 2)
    }

    @Test("a push enrollment URI prints its fallback TOTP code")
    func pushEnrollment() throws {
        let uri =
            "otpauth://totp/Ex:alice?secret=\(Self.secret)&issuer=Ex&enrollment_tx_id=t1&id=d1"
            + "&base_url=https%3A%2F%2Fportal.example"
        let result = try BuiltProducts.runKeepsafe(["otp", "--at", "1234567890", uri])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "005924\n")  // RFC 6238 Appendix B, low six digits
    }

    @Test("an HOTP URI prints the code for its counter")
    func hotp() throws {
        let uri = "otpauth://hotp/alice?secret=\(Self.secret)&counter=9"
        let result = try BuiltProducts.runKeepsafe(["otp", uri])
        #expect(result.status == 0)
        #expect(result.stdout == "520489\n")  // RFC 4226 Appendix D
    }

    @Test(
        "a bad URI or time is one line on stderr and exit 2",
        arguments: [
            ["otp", "https://example.com"], ["otp", "otpauth://totp/alice?secret=NOT-BASE32!"],
            ["otp", "otpauth://totp/alice?issuer=Ex"], ["otp", "otpauth://hotp/alice?secret=JBSWY3DP"],
            ["otp", "--at", "yesterday", "otpauth://totp/alice?secret=JBSWY3DP"],
            ["otp", "otpauth://totp/alice?secret=JBSWY3DP&digits=\u{1b}[2J"],
        ])
    func badInput(arguments: [String]) throws {
        let result = try BuiltProducts.runKeepsafe(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("keepsafe: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!result.stderr.contains("\u{1b}"))
    }
}
