import Foundation
import QRCode
import TestSupport
import Testing

/// Bit-exact agreement with libqrencode, an independent encoder: same data, version, level
/// and mask must give the same matrix, module for module.
@Suite("Agreement with libqrencode")
struct LibqrencodeAgreementTests {
    static let tools = ["qrencode"]

    /// The matrix `qrencode -t ASCII -m 0` printed: `##` dark, two spaces light.
    static func parseASCII(_ text: String) -> [[Bool]] {
        text.split(separator: "\n").map { line in
            let characters = Array(line)
            return stride(from: 0, to: characters.count, by: 2).map { characters[$0] == "#" }
        }
    }

    /// The level and mask written in the first format copy of `matrix`.
    static func format(of matrix: [[Bool]]) -> (level: ErrorCorrection, mask: Int)? {
        guard matrix.count >= 21, matrix.allSatisfy({ $0.count == matrix.count }) else { return nil }
        let positions = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (9..<15).map { (14 - $0, 8) }
        var bits = 0
        for (index, (x, y)) in positions.enumerated() where matrix[y][x] { bits |= 1 << index }
        return FormatInformation.decode(bits)
    }

    @Test(
        "300 random byte strings, all levels, forced versions: the same matrix as qrencode -8",
        .enabled(if: PeerTools.shouldRun(tools: tools)),
        Comment(rawValue: PeerTools.skipReason(tools: tools)))
    func randomAgreement() throws {
        guard PeerTools.missing(tools: Self.tools).isEmpty else {
            Issue.record("qrencode is not installed: \(PeerTools.skipReason(tools: Self.tools))")
            return
        }
        let seed = Interop.seed()
        var generator = Interop.SeededGenerator(seed: seed)
        var masksSeen = Set<Int>()
        var versionsSeen = Set<Int>()
        for index in 0..<300 {
            let level = ErrorCorrection.allCases[index % 4]
            // Lengths spread over 1...1000, weighted towards short data where versions vary most.
            let length =
                index % 3 == 0
                ? Int.random(in: 1...1000, using: &generator) : Int.random(in: 1...120, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let smallest = try QRCode.encode(
                bytes: bytes, errorCorrection: level, boostErrorCorrection: false
            ).version
            let version = min(40, smallest + Int.random(in: 0...2, using: &generator))
            let result = try Subprocess.run(
                "qrencode",
                [
                    "-8", "-l", level.rawValue, "-v", String(version), "--strict-version", "-m", "0", "-t",
                    "ASCII", "-o", "-",
                ],
                stdin: Data(bytes))
            try #require(
                result.status == 0, "qrencode failed (seed \(seed), case \(index)): \(result.stderr)")
            let theirs = Self.parseASCII(result.stdout)
            let format = try #require(
                Self.format(of: theirs), "unreadable format bits (seed \(seed), case \(index))")
            #expect(format.level == level)
            let ours = try QRCode.encode(
                segments: [QRSegment.bytes(bytes)], errorCorrection: level, minVersion: version,
                maxVersion: version,
                mask: format.mask, boostErrorCorrection: false)
            let matrix = (0..<ours.size).map { y in (0..<ours.size).map { x in ours[x, y] } }
            #expect(
                matrix == theirs,
                "matrix differs: seed \(seed), case \(index), \(length) bytes, version \(version)-\(level.rawValue), mask \(format.mask)"
            )
            masksSeen.insert(format.mask)
            versionsSeen.insert(version)
        }
        // The comparison only means something if it covered the masks and many versions.
        #expect(masksSeen.count == 8, "masks seen: \(masksSeen.sorted())")
        #expect(versionsSeen.count >= 20, "versions seen: \(versionsSeen.sorted())")
    }

    @Test(
        "every version 1 to 40 at every level agrees with qrencode",
        .enabled(if: PeerTools.shouldRun(tools: tools)),
        Comment(rawValue: PeerTools.skipReason(tools: tools)))
    func everyVersion() throws {
        guard PeerTools.missing(tools: Self.tools).isEmpty else {
            Issue.record("qrencode is not installed: \(PeerTools.skipReason(tools: Self.tools))")
            return
        }
        for version in 1...40 {
            let level = ErrorCorrection.allCases[version % 4]
            let bytes = Array("v\(version)".utf8)
            let result = try Subprocess.run(
                "qrencode",
                [
                    "-8", "-l", level.rawValue, "-v", String(version), "--strict-version", "-m", "0", "-t",
                    "ASCII", "-o", "-",
                ],
                stdin: Data(bytes))
            try #require(result.status == 0, "qrencode: \(result.stderr)")
            let theirs = Self.parseASCII(result.stdout)
            let format = try #require(Self.format(of: theirs), "version \(version): unreadable format bits")
            let ours = try QRCode.encode(
                bytes: bytes, errorCorrection: level, minVersion: version, maxVersion: version,
                mask: format.mask,
                boostErrorCorrection: false)
            #expect(
                (0..<ours.size).map { y in (0..<ours.size).map { x in ours[x, y] } } == theirs,
                "version \(version)")
        }
    }

    @Test(
        "asciiText has the exact layout of qrencode -t ASCII, margins and inversion included",
        .enabled(if: PeerTools.shouldRun(tools: tools)),
        Comment(rawValue: PeerTools.skipReason(tools: tools)))
    func asciiLayout() throws {
        guard PeerTools.missing(tools: Self.tools).isEmpty else {
            Issue.record("qrencode is not installed: \(PeerTools.skipReason(tools: Self.tools))")
            return
        }
        let text = "layout check"
        let plain = try Subprocess.run(
            "qrencode", ["-8", "-l", "M", "-m", "0", "-t", "ASCII", "-o", "-", text])
        let format = try #require(Self.format(of: Self.parseASCII(plain.stdout)))
        let theirVersion = (Self.parseASCII(plain.stdout).count - 17) / 4
        let code = try QRCode.encode(
            bytes: Array(text.utf8), errorCorrection: .medium, minVersion: theirVersion,
            maxVersion: theirVersion,
            mask: format.mask, boostErrorCorrection: false)
        for (margin, invert) in [(0, false), (2, false), (4, false), (4, true), (1, true)] {
            let arguments = [
                "-8", "-l", "M", "-v", String(theirVersion), "-m", String(margin), "-t",
                invert ? "ASCIIi" : "ASCII", "-o",
                "-", text,
            ]
            let result = try Subprocess.run("qrencode", arguments)
            #expect(
                code.asciiText(margin: margin, invert: invert) == result.stdout,
                "margin \(margin), invert \(invert)")
        }
    }
}
