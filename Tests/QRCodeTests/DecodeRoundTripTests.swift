import Foundation
import QRCode
import TestSupport
import Testing

/// Round trips through real decoders: what we draw, zxing-cpp and zbar must read back,
/// without being allowed to try inverted (light-on-dark) decoding.
@Suite("Decode round trip")
struct DecodeRoundTripTests {
    static let tools = ["python3", "zbarimg"]
    static let modules = ["zxingcpp", "pyte", "PIL"]

    /// A sample of inputs: enrollment URIs, printable ASCII, and text with accents, CJK and emoji.
    static func inputs(count: Int, generator: inout Interop.SeededGenerator) -> [String] {
        (0..<count).map { index in
            switch index % 3 {
            case 0: return Interop.randomEnrollmentURI(using: &generator)
            case 1: return Interop.randomText(maxLength: 150, using: &generator)
            default: return Interop.randomText(maxLength: 40, using: &generator)
            }
        }
    }

    @Test(
        "SVG output of 300 random inputs decodes with zxing-cpp and zbar",
        .enabled(if: PeerTools.shouldRun(tools: tools, pythonModules: modules)),
        Comment(rawValue: PeerTools.skipReason(tools: tools, pythonModules: modules)))
    func svgRoundTrip() throws {
        guard PeerTools.missing(tools: Self.tools, pythonModules: Self.modules).isEmpty else {
            Issue.record("missing: \(PeerTools.skipReason(tools: Self.tools, pythonModules: Self.modules))")
            return
        }
        let seed = Interop.seed()
        var generator = Interop.SeededGenerator(seed: seed)
        let texts = Self.inputs(count: 300, generator: &generator)
        var cases: [Interop.DecodeCase] = []
        for (index, text) in texts.enumerated() {
            let level = ErrorCorrection.allCases[index % 4]
            let code = try QRCode.encode(text: text, errorCorrection: level)
            cases.append(Interop.DecodeCase(kind: "svg", content: code.svg(margin: 4, moduleSize: 4)))
        }
        let decoded = try Interop.decode(cases)
        for (index, text) in texts.enumerated() {
            #expect(decoded.zxing[index] == [text], "zxing-cpp, seed \(seed), case \(index): \(text)")
            #expect(decoded.zbar[index] == [text], "zbar, seed \(seed), case \(index): \(text)")
        }
    }

    @Test(
        "terminal text of 60 random inputs decodes in dark and light themes, half blocks and two columns",
        .enabled(if: PeerTools.shouldRun(tools: tools, pythonModules: modules)),
        Comment(rawValue: PeerTools.skipReason(tools: tools, pythonModules: modules)))
    func terminalRoundTrip() throws {
        guard PeerTools.missing(tools: Self.tools, pythonModules: Self.modules).isEmpty else {
            Issue.record("missing: \(PeerTools.skipReason(tools: Self.tools, pythonModules: Self.modules))")
            return
        }
        let seed = Interop.seed()
        var generator = Interop.SeededGenerator(seed: seed)
        // Terminal rendering is the slow part (pyte); short inputs keep the symbols terminal-sized.
        let texts = (0..<60).map { index in
            index % 2 == 0
                ? Interop.randomEnrollmentURI(using: &generator)
                : Interop.randomText(maxLength: 60, using: &generator)
        }
        var cases: [Interop.DecodeCase] = []
        var expected: [String] = []
        for (index, text) in texts.enumerated() {
            let code = try QRCode.encode(text: text, errorCorrection: ErrorCorrection.allCases[index % 4])
            cases.append(Interop.DecodeCase(kind: "terminal", content: code.ansiText(), theme: "dark"))
            cases.append(Interop.DecodeCase(kind: "terminal", content: code.ansiText(), theme: "light"))
            expected += [text, text]
            if index % 4 == 0 {
                let wide = code.ansiText(margin: 2, style: .twoColumns)
                cases.append(
                    Interop.DecodeCase(
                        kind: "terminal", content: wide, theme: index % 2 == 0 ? "dark" : "light"))
                expected.append(text)
            }
        }
        let decoded = try Interop.decode(cases)
        for (index, text) in expected.enumerated() {
            let theme = cases[index].theme
            #expect(
                decoded.zxing[index] == [text],
                "zxing-cpp, \(theme) theme, seed \(seed), case \(index): \(text)")
            #expect(
                decoded.zbar[index] == [text], "zbar, \(theme) theme, seed \(seed), case \(index): \(text)")
        }
    }

    @Test(
        "the decoders are strict: an inverted code, or one drawn without colours on a light theme, is not read",
        .enabled(if: PeerTools.shouldRun(tools: tools, pythonModules: modules)),
        Comment(rawValue: PeerTools.skipReason(tools: tools, pythonModules: modules)))
    func strictDecoding() throws {
        guard PeerTools.missing(tools: Self.tools, pythonModules: Self.modules).isEmpty else {
            Issue.record("missing: \(PeerTools.skipReason(tools: Self.tools, pythonModules: Self.modules))")
            return
        }
        let code = try QRCode.encode(text: "strict decoding")
        // Full blocks for light modules and blanks for dark, in the terminal's default colours:
        // a code that only works on a dark background.
        var darkOnly = ""
        for row in code.cells(style: .halfBlocks, invert: true) {
            for cell in row {
                switch (cell.foreground, cell.background) {
                case (.dark, .dark): darkOnly.append("█")
                case (.dark, .light): darkOnly.append("▀")
                case (.light, .dark): darkOnly.append("▄")
                case (.light, .light): darkOnly.append(" ")
                }
            }
            darkOnly.append("\n")
        }
        let cases = [
            Interop.DecodeCase(kind: "terminal", content: code.ansiText(invert: true), theme: "dark"),
            Interop.DecodeCase(kind: "terminal", content: darkOnly, theme: "light"),
            Interop.DecodeCase(kind: "terminal", content: darkOnly, theme: "dark"),
            Interop.DecodeCase(kind: "svg", content: code.svg(invert: true)),
        ]
        let decoded = try Interop.decode(cases)
        #expect(decoded.zxing[0].isEmpty && decoded.zxing[1].isEmpty && decoded.zxing[3].isEmpty)
        // The same uncoloured drawing does scan on a dark theme: the strictness is about colour.
        #expect(decoded.zxing[2] == ["strict decoding"])
    }
}
