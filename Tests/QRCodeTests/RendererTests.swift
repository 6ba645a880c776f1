import Testing

@testable import QRCode

@Suite("Renderers")
struct RendererTests {
    static let code: QRCode = {
        // A fixed small symbol; a failure here is a failure of every test below.
        (try? QRCode.encode(text: "renderers", errorCorrection: .medium, mask: 2, boostErrorCorrection: false))
            ?? (try? QRCode(
                version: 1, errorCorrection: .low, dataCodewords: [UInt8](repeating: 0, count: 19)))!
    }()

    /// The module shade at quiet-zone coordinates, the obvious way.
    static func module(_ x: Int, _ y: Int, margin: Int, invert: Bool = false) -> QRShade {
        let inside = x >= margin && y >= margin && x < margin + code.size && y < margin + code.size
        let dark = inside && code[x - margin, y - margin]
        return dark != invert ? .dark : .light
    }

    @Test(
        "half blocks: upper module is the foreground, lower the background, light below an odd edge",
        arguments: [0, 1, 2, 4])
    func halfBlocks(margin: Int) {
        let side = Self.code.size + 2 * margin
        let cells = Self.code.cells(style: .halfBlocks, margin: margin)
        #expect(cells.count == (side + 1) / 2)
        for (row, line) in cells.enumerated() {
            #expect(line.count == side)
            for (x, cell) in line.enumerated() {
                #expect(cell.glyph == "▀")
                #expect(cell.foreground == Self.module(x, 2 * row, margin: margin))
                let lower: QRShade = 2 * row + 1 < side ? Self.module(x, 2 * row + 1, margin: margin) : .light
                #expect(cell.background == lower)
            }
        }
    }

    @Test("two columns and ascii: two cells per module with the module's shade")
    func twoColumnsAndAscii() {
        let margin = 3
        let side = Self.code.size + 2 * margin
        for style in [QRCellStyle.twoColumns, .ascii] {
            let cells = Self.code.cells(style: style, margin: margin)
            #expect(cells.count == side)
            for (y, line) in cells.enumerated() {
                #expect(line.count == 2 * side)
                for (column, cell) in line.enumerated() {
                    let shade = Self.module(column / 2, y, margin: margin)
                    #expect(cell.background == shade && cell.foreground == shade)
                    let glyph: Character = style == .ascii && shade == .dark ? "#" : " "
                    #expect(cell.glyph == glyph)
                }
            }
        }
    }

    @Test("invert swaps every shade, quiet zone included")
    func invert() {
        for style in [QRCellStyle.halfBlocks, .twoColumns, .ascii] {
            let plain = Self.code.cells(style: style, margin: 2)
            let inverted = Self.code.cells(style: style, margin: 2, invert: true)
            for (a, b) in zip(plain.joined(), inverted.joined()) {
                #expect(a.foreground == b.foreground.inverted && a.background == b.background.inverted)
            }
            #expect(inverted[0][0].background == .dark)
        }
    }

    @Test("the quiet zone is light and explicit")
    func quietZone() {
        let cells = Self.code.cells(style: .halfBlocks)
        #expect(cells[0].allSatisfy { $0.foreground == .light && $0.background == .light })
        #expect(cells[2].prefix(4).allSatisfy { $0.foreground == .light && $0.background == .light })
        #expect(cells[2][4].foreground == .dark)
    }

    @Test("ascii text: one line per module row, ## for dark, margin lines of spaces")
    func asciiText() {
        let text = Self.code.asciiText(margin: 1)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let side = Self.code.size + 2
        #expect(lines.count == side)
        #expect(lines.allSatisfy { $0.count == 2 * side })
        #expect(lines.first == Substring(String(repeating: " ", count: 2 * side)))
        #expect(lines[1].hasPrefix("  ##############  "))
        #expect(Self.code.asciiText(margin: 0, invert: true).hasPrefix("              ##"))
    }

    @Test("ansi text: black and bright white SGR, reset at each line end")
    func ansiText() {
        let text = Self.code.ansiText(margin: 1)
        let lines = text.split(separator: "\n")
        #expect(lines.count == (Self.code.size + 2 + 1) / 2)
        #expect(lines.allSatisfy { $0.hasSuffix("\u{1B}[0m") })
        #expect(text.hasPrefix("\u{1B}[97;107m▀"))
        #expect(
            text.contains("\u{1B}[30;40m▀") && text.contains("\u{1B}[30;107m▀")
                && text.contains("\u{1B}[97;40m▀"))
        let inverted = Self.code.ansiText(margin: 1, invert: true)
        #expect(inverted.hasPrefix("\u{1B}[30;40m▀"))
    }

    @Test("svg: pixel size, viewBox and one unit square per dark module")
    func svg() {
        let svg = Self.code.svg(margin: 4, moduleSize: 10)
        let side = Self.code.size + 8
        #expect(svg.contains("width=\"\(side * 10)\" height=\"\(side * 10)\""))
        #expect(svg.contains("viewBox=\"0 0 \(side) \(side)\""))
        #expect(svg.contains("<rect width=\"\(side)\" height=\"\(side)\" fill=\"#FFFFFF\"/>"))
        // Sum of the run widths is the dark module count.
        var darkCount = 0
        for y in 0..<Self.code.size {
            for x in 0..<Self.code.size where Self.code[x, y] { darkCount += 1 }
        }
        let widths = svg.split(separator: "h").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(widths.reduce(0, +) == darkCount)
        #expect(Self.code.svg(invert: true).contains("fill=\"#000000\"/>\n<path"))
    }
}
