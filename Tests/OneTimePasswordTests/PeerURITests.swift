import Foundation
import TestSupport
import Testing

@testable import OneTimePassword

/// otpauth URIs made by pyotp parse in ours, and ours parse in pyotp, with every field intact.
@Suite("Interoperability: otpauth URIs round-trip with pyotp")
struct PeerURITests {
    static let modules = ["pyotp"]

    struct Account: Codable, Equatable {
        var kind: String
        var secret: String
        var name: String
        var issuer: String?
        var algorithm: String
        var digits: Int
        var period: Int
        var counter: UInt64?
    }

    /// Names with spaces, plus signs, colons-free punctuation, slashes and non-ASCII letters.
    static func accounts() -> [Account] {
        var random = SeededGenerator(seed: 0x0A_0710)
        let pieces = [
            "alice", "bob smith", "x+y", "o'neil", "ünïcødé", "a&b=c", "50%", "#1", "~tilde", "Zoë Ω", "d/e",
        ]
        return (0..<200).map { index in
            let name = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                pieces.randomElement(using: &random) ?? ""
            }
            .joined(separator: index % 2 == 0 ? " " : "@")
            let issuer =
                index % 4 == 3 ? nil : ["Example Co", "ACME+", "Big & Small", "Ünï", "A.B/C"][index % 5]
            let hotp = index % 5 == 0
            return Account(
                kind: hotp ? "hotp" : "totp",
                secret: Base32.encode(random.bytes(Int.random(in: 16...40, using: &random))), name: name,
                issuer: issuer, algorithm: HashAlgorithm.allCases[index % 3].rawValue, digits: 6 + index % 3,
                period: hotp ? 30 : [30, 60, 15, 1][index % 4],
                counter: hotp ? UInt64.random(in: 0...9999, using: &random) : nil)
        }
    }

    static func runPython(_ program: String, _ input: some Encodable) throws -> Data {
        let result = try Subprocess.run("python3", ["-c", program], stdin: JSONEncoder().encode(input))
        try #require(result.status == 0, "python3: \(result.stderr)")
        return result.stdoutData
    }

    @Test(
        "pyotp's URIs parse in ours; ours parse in pyotp",
        .enabled(
            if: PeerTools.shouldRun(tools: ["python3"], pythonModules: modules),
            Comment(rawValue: PeerTools.skipReason(tools: ["python3"], pythonModules: modules))))
    func roundTrip() throws {
        let absent = PeerTools.missing(tools: ["python3"], pythonModules: Self.modules)
        guard absent.isEmpty else {
            Issue.record("interoperability test needs \(absent.joined(separator: ", "))")
            return
        }
        let accounts = Self.accounts()
        let build = """
            import hashlib, json, sys, pyotp
            out = []
            for a in json.load(sys.stdin):
                digest = getattr(hashlib, a["algorithm"].lower())
                if a["kind"] == "hotp":
                    otp = pyotp.HOTP(a["secret"], digits=a["digits"], digest=digest, initial_count=a.get("counter"))
                else:
                    otp = pyotp.TOTP(a["secret"], digits=a["digits"], digest=digest, interval=a["period"])
                out.append(otp.provisioning_uri(name=a["name"], issuer_name=a.get("issuer")))
            json.dump(out, sys.stdout)
            """
        let theirURIs = try JSONDecoder().decode([String].self, from: Self.runPython(build, accounts))
        try #require(theirURIs.count == accounts.count)
        var ourURIs: [String] = []
        for (account, text) in zip(accounts, theirURIs) {
            let uri = try OTPAuthURI.parse(text)
            #expect(uri.kind.rawValue == account.kind, "\(text)")
            #expect(uri.account == account.name, "\(text)")
            #expect(uri.issuer == account.issuer, "\(text)")
            #expect(Base32.encode(uri.secret) == account.secret, "\(text)")
            #expect(uri.algorithm.rawValue == account.algorithm, "\(text)")
            #expect(uri.digits == account.digits, "\(text)")
            #expect(uri.kind == .hotp || uri.period == account.period, "\(text)")
            #expect(uri.counter == account.counter, "\(text)")
            #expect(uri.extraParameters.isEmpty, "\(text)")
            #expect(!uri.uriString.contains("+"))
            ourURIs.append(uri.uriString)
        }
        let parse = """
            import json, sys, pyotp
            out = []
            for text in json.load(sys.stdin):
                otp = pyotp.parse_uri(text)
                out.append({"kind": "hotp" if isinstance(otp, pyotp.HOTP) else "totp", "secret": otp.secret,
                            "name": otp.name, "issuer": otp.issuer, "algorithm": otp.digest().name.upper(),
                            "digits": otp.digits, "period": getattr(otp, "interval", 30),
                            "counter": getattr(otp, "initial_count", None)})
            json.dump(out, sys.stdout)
            """
        // A push enrollment URI is an otpauth URI too: pyotp reads its fallback TOTP secret.
        ourURIs.append(
            PushEnrollmentURI(
                enrollmentTransactionID: "tx1", deviceAccountID: "dev1", baseURL: "https://portal.example",
                issuer: "Example Co", account: "alice@example.com", secret: Array("12345678901234567890".utf8)
            ).uriString)
        var expected = accounts
        expected.append(
            Account(
                kind: "totp", secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", name: "alice@example.com",
                issuer: "Example Co", algorithm: "SHA1", digits: 6, period: 30, counter: nil))
        let parsedBack = try JSONDecoder().decode([Account].self, from: Self.runPython(parse, ourURIs))
        try #require(parsedBack.count == expected.count)
        for (account, theirs) in zip(expected, parsedBack) {
            #expect(theirs == account)
        }
    }
}
