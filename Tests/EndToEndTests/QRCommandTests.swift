import Foundation
import TestSupport
import Testing

/// `keepsafe qr` as a user runs it: formats, errors, and codes that scan.
@Suite("keepsafe qr")
struct QRCommandTests {
    static let uri = "otpauth://totp/ACME:al@acme.io?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME"
    static let pythonModules = ["pyte", "PIL", "zxingcpp"]

    /// `Tests/Tools/termshot.py`.
    static var termshot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tools/termshot.py").path
    }

    /// The one line on stderr of a failed run, and its exit status.
    static func failure(_ arguments: [String]) throws -> (status: Int32, message: String) {
        let result = try BuiltProducts.runKeepsafe(["qr"] + arguments)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        return (result.status, result.stderr)
    }

    @Test("bad arguments and data too long: one line on stderr, exit 2")
    func errors() throws {
        let long = String(repeating: "x", count: 3000)
        let cases: [([String], String)] = [
            (["--ecc", "X", "hi"], "--ecc"), (["--version", "41", "hi"], "--version"),
            (["--version", "0", "hi"], "--version"),
            (["--mask", "8", "hi"], "--mask"), (["--margin", "-1", "hi"], "--margin"), ([long], "too long"),
            (["--version", "1", "--ecc", "H", "this text does not fit in version 1"], "too long"),
            (["--format", "png", "hi"], "format"),
        ]
        for (arguments, mention) in cases {
            let (status, message) = try Self.failure(arguments)
            #expect(status == 2, "\(arguments.prefix(3)): \(message)")
            #expect(message.contains(mention), "\(message)")
        }
    }

    @Test("ascii: the qrencode -t ASCII layout, # dark, sized by the margin")
    func ascii() throws {
        let result = try BuiltProducts.runKeepsafe([
            "qr", "--format", "ascii", "--margin", "2", "--version", "3", "hello",
        ])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 29 + 4)
        #expect(lines.allSatisfy { $0.count == 2 * 33 && $0.allSatisfy { $0 == "#" || $0 == " " } })
        #expect(lines[2].hasPrefix("    ##############  "))
    }

    @Test("utf8 to a pipe has no escape sequences; ansi always has them; svg is a document")
    func formats() throws {
        let plain = try BuiltProducts.runKeepsafe(["qr", "hello"])
        #expect(plain.status == 0 && !plain.stdout.contains("\u{1B}") && plain.stdout.contains("▀"))
        let ansi = try BuiltProducts.runKeepsafe(
            ["qr", "--format", "ansi", "hello"], environment: ["NO_COLOR": "1"])
        #expect(ansi.stdout.contains("\u{1B}[97;107m"))
        let svg = try BuiltProducts.runKeepsafe(["qr", "--format", "svg", "hello"])
        #expect(
            svg.stdout.hasPrefix("<?xml") && svg.stdout.contains("<svg") && svg.stdout.hasSuffix("</svg>\n"))
    }

    @Test(
        "ansi output scans in dark and light themes; inverted output does not scan strictly",
        .enabled(if: PeerTools.shouldRun(tools: ["python3"], pythonModules: pythonModules)),
        Comment(rawValue: PeerTools.skipReason(tools: ["python3"], pythonModules: pythonModules)))
    func ansiScans() throws {
        let missing = PeerTools.missing(tools: ["python3"], pythonModules: Self.pythonModules)
        guard missing.isEmpty else {
            Issue.record("missing: \(missing.joined(separator: ", "))")
            return
        }
        let ansi = try BuiltProducts.runKeepsafe(["qr", "--format", "ansi", Self.uri])
        for theme in ["dark", "light"] {
            let decoded = try Subprocess.run(
                "python3", [Self.termshot, "-", "--theme", theme], stdin: ansi.stdoutData)
            #expect(decoded.status == 0 && decoded.stdout == Self.uri + "\n", "\(theme): \(decoded.stderr)")
        }
        let inverted = try BuiltProducts.runKeepsafe(["qr", "--format", "ansi", "--invert", Self.uri])
        let decoded = try Subprocess.run("python3", [Self.termshot, "-"], stdin: inverted.stdoutData)
        #expect(decoded.status == 1 && decoded.stdout.isEmpty)
    }

    @Test(
        "on a terminal (a pty from script) utf8 is coloured and scans in a light theme; NO_COLOR turns colours off",
        .enabled(if: PeerTools.shouldRun(tools: ["script", "python3"], pythonModules: pythonModules)),
        Comment(rawValue: PeerTools.skipReason(tools: ["script", "python3"], pythonModules: pythonModules)))
    func terminal() throws {
        let missing = PeerTools.missing(tools: ["script", "python3"], pythonModules: Self.pythonModules)
        guard missing.isEmpty else {
            Issue.record("missing: \(missing.joined(separator: ", "))")
            return
        }
        for noColour in [false, true] {
            let command = "NO_COLOR=\(noColour ? "1" : "") '\(BuiltProducts.keepsafe)' qr '\(Self.uri)'"
            let run = try Subprocess.run("script", ["-qfec", command, "/dev/null"])
            #expect(run.status == 0, "\(run.stderr)")
            if noColour {
                #expect(!run.stdout.contains("\u{1B}["), "NO_COLOR output has escape sequences")
                #expect(run.stdout.contains("▀"))
            } else {
                #expect(run.stdout.contains("\u{1B}[97;107m"))
                let decoded = try Subprocess.run(
                    "python3", [Self.termshot, "-", "--theme", "light"], stdin: run.stdoutData)
                #expect(decoded.stdout == Self.uri + "\n", "pty output did not scan: \(decoded.stderr)")
            }
        }
    }
}
