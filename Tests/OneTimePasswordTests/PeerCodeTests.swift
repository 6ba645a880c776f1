import Foundation
import TestSupport
import Testing

@testable import OneTimePassword

/// Codes from our generator against oathtool's and pyotp's for the same random parameters.
@Suite("Interoperability: codes match oathtool and pyotp")
struct PeerCodeTests {
    static let tools = ["oathtool", "python3"]
    static let modules = ["pyotp"]

    /// One random TOTP case.
    struct Tuple: Codable {
        var secret: String
        var algorithm: String
        var digits: Int
        var period: Int
        var time: Int64
    }

    /// 500 reproducible random tuples: secrets of 16...64 bytes (pyotp wants at least 112 bits),
    /// every algorithm and length, periods from 1 s to `longestPeriod`, times from 1970 to 2128.
    static func tuples(count: Int = 500, longestPeriod: Int) -> [Tuple] {
        var random = SeededGenerator(seed: 0x0A7_2026)
        return (0..<count).map { index in
            let period = [
                1, 10, 30, 30, 60, 90, longestPeriod, Int.random(in: 1...longestPeriod, using: &random),
            ][
                index % 8]
            let time: Int64 =
                index % 10 == 0
                ? Int64.random(in: 0...120, using: &random)
                : Int64.random(in: 0...5_000_000_000, using: &random)
            return Tuple(
                secret: Base32.encode(random.bytes(Int.random(in: 16...64, using: &random))),
                algorithm: HashAlgorithm.allCases[index % 3].rawValue,
                digits: 6 + (index / 3) % 3, period: period, time: time)
        }
    }

    static func ours(_ tuple: Tuple) throws -> String {
        let totp = try TOTP(
            secret: Base32.decode(tuple.secret), algorithm: HashAlgorithm(rawValue: tuple.algorithm) ?? .sha1,
            digits: tuple.digits, period: tuple.period)
        return totp.code(at: Date(timeIntervalSince1970: TimeInterval(tuple.time)))
    }

    @Test(
        "500 random tuples agree with oathtool",
        .enabled(
            if: PeerTools.shouldRun(tools: ["oathtool", "bash"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["oathtool", "bash"]))))
    func oathtoolAgrees() throws {
        let absent = PeerTools.missing(tools: ["oathtool", "bash"])
        guard absent.isEmpty else {
            Issue.record("interoperability test needs \(absent.joined(separator: ", "))")
            return
        }
        let tuples = Self.tuples(longestPeriod: 3600)
        // One shell runs every oathtool call, so 500 cases cost one process spawn from here.
        let script = tuples.map {
            "oathtool --totp=\($0.algorithm) -b -d \($0.digits) -s \($0.period)s -N @\($0.time) \($0.secret) || echo FAILED"
        }.joined(separator: "\n")
        let result = try Subprocess.run("bash", ["-c", script])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        try #require(result.status == 0 && lines.count == tuples.count, "oathtool: \(result.stderr)")
        for (tuple, theirs) in zip(tuples, lines) {
            #expect(try Self.ours(tuple) == theirs, "\(tuple)")
        }
    }

    @Test(
        "500 random tuples agree with pyotp",
        .enabled(
            if: PeerTools.shouldRun(tools: ["python3"], pythonModules: modules),
            Comment(rawValue: PeerTools.skipReason(tools: ["python3"], pythonModules: modules))))
    func pyotpAgrees() throws {
        let absent = PeerTools.missing(tools: ["python3"], pythonModules: Self.modules)
        guard absent.isEmpty else {
            Issue.record("interoperability test needs \(absent.joined(separator: ", "))")
            return
        }
        // pyotp refuses periods over 120 s.
        let tuples = Self.tuples(longestPeriod: 120)
        let program = """
            import hashlib, json, sys, pyotp
            out = []
            for t in json.load(sys.stdin):
                totp = pyotp.TOTP(t["secret"], digits=t["digits"], interval=t["period"],
                                  digest=getattr(hashlib, t["algorithm"].lower()))
                out.append(totp.at(t["time"]))
            json.dump(out, sys.stdout)
            """
        let result = try Subprocess.run("python3", ["-c", program], stdin: JSONEncoder().encode(tuples))
        try #require(result.status == 0, "pyotp: \(result.stderr)")
        let theirs = try JSONDecoder().decode([String].self, from: result.stdoutData)
        try #require(theirs.count == tuples.count)
        for (tuple, code) in zip(tuples, theirs) {
            #expect(try Self.ours(tuple) == code, "\(tuple)")
        }
    }

    @Test(
        "HOTP codes and oathtool windows agree",
        .enabled(
            if: PeerTools.shouldRun(tools: ["oathtool"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["oathtool"]))))
    func oathtoolHOTPWindow() throws {
        guard PeerTools.which("oathtool") != nil else {
            Issue.record("interoperability test needs oathtool")
            return
        }
        var random = SeededGenerator(seed: 0x407)
        for digits in 6...8 {
            let secret = random.bytes(20)
            let start = UInt64.random(in: 0...1_000_000, using: &random)
            let result = try Subprocess.run(
                "oathtool",
                ["--hotp", "-b", "-d", "\(digits)", "-c", "\(start)", "-w", "49", Base32.encode(secret)])
            let theirs = result.stdout.split(separator: "\n").map(String.init)
            try #require(result.status == 0 && theirs.count == 50, "oathtool: \(result.stderr)")
            let hotp = try HOTP(secret: secret, digits: digits)
            #expect(theirs == (start..<start + 50).map { hotp.code(counter: $0) })
        }
    }
}
