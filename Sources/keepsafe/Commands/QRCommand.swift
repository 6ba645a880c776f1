import ArgumentParser
import KeepsafeBase
import QRCode

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `keepsafe qr`: prints TEXT as a QR code, for terminals, plain text or documents.
///
///     keepsafe qr "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"
///     keepsafe qr --format svg --margin 2 "hello" > hello.svg
struct QRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: CommandWords.text("abstract.qr"),
        discussion: CommandWords.text("discussion.qr")
    )

    /// Output formats of `--format`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case utf8, ansi, ascii, svg
    }

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.qr.ecc"), valueName: "L|M|Q|H"))
    var ecc: String = "L"

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.qr.version"), valueName: "N"))
    var version: Int?

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.qr.mask"), valueName: "N"))
    var mask: Int?

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.qr.margin"), valueName: "N"))
    var margin: Int = 4

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.qr.format"), valueName: "FORMAT"))
    var format: Format = .utf8

    @Flag(name: .long, help: ArgumentHelp(CommandWords.text("help.qr.invert")))
    var invert = false

    @Argument(help: ArgumentHelp(CommandWords.text("help.qr.text")))
    var text: String

    func run() throws {
        guard let level = ErrorCorrection(rawValue: ecc.uppercased()) else {
            throw fail(CommandWords.text("badECC", ["ecc": ecc]), Exit.usage)
        }
        if let version, !(1...40).contains(version) {
            throw fail(CommandWords.text("badVersion", ["version": "\(version)"]), Exit.usage)
        }
        if let mask, !(0...7).contains(mask) {
            throw fail(CommandWords.text("badMask", ["mask": "\(mask)"]), Exit.usage)
        }
        guard (0...40).contains(margin) else {
            throw fail(CommandWords.text("badMargin", ["margin": "\(margin)"]), Exit.usage)
        }
        let code: QRCode
        do {
            // A forced version is forced exactly, level included, for comparisons with other encoders.
            code = try QRCode.encode(
                text: text, errorCorrection: level, minVersion: version ?? 1, maxVersion: version ?? 40,
                mask: mask, boostErrorCorrection: version == nil)
        } catch let error as QRCodeError {
            throw fail("TEXT: \(error)", Exit.usage)
        }
        StandardStream.output(render(code))
    }

    /// The code in the chosen format.
    private func render(_ code: QRCode) -> String {
        switch format {
        case .ascii:
            return code.asciiText(margin: margin, invert: invert)
        case .svg:
            return code.svg(margin: margin, invert: invert)
        case .ansi:
            return code.ansiText(margin: margin, invert: invert)
        case .utf8:
            if Self.colourWanted() { return code.ansiText(margin: margin, invert: invert) }
            return Self.plainHalfBlocks(code, margin: margin, invert: invert)
        }
    }

    /// Whether `utf8` output may use colours: stdout is a terminal and NO_COLOR is unset or empty.
    private static func colourWanted() -> Bool {
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        return noColour.isEmpty && isatty(STDOUT_FILENO) != 0
    }

    /// Half blocks without colours, for pipes and NO_COLOR: the glyph alone carries the
    /// shades, drawn as ink (foreground) for dark and left blank for light, so it reads on a
    /// light background.
    static func plainHalfBlocks(_ code: QRCode, margin: Int, invert: Bool) -> String {
        var text = ""
        for row in code.cells(style: .halfBlocks, margin: margin, invert: invert) {
            for cell in row {
                switch (cell.foreground, cell.background) {
                case (.dark, .dark): text.append("█")
                case (.dark, .light): text.append("▀")
                case (.light, .dark): text.append("▄")
                case (.light, .light): text.append(" ")
                }
            }
            text.append("\n")
        }
        return text
    }
}
