/// Turns frames into the escape sequences a VT100-style terminal needs to show them:
/// what a recording replays. Only rows that changed since the previous frame are sent.
public struct AnsiEncoder {
    private let palette: Palette
    private var previous: CellGrid?

    public init(palette: Palette) { self.palette = palette }

    /// The bytes that turn the previous frame (or a blank terminal) into `frame`.
    ///
    /// - Complexity: O(width × height).
    public mutating func encode(_ frame: Frame) -> String {
        var out = ""
        let grid = frame.grid
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full { out += "\u{1B}[0m\u{1B}[2J" }
        for y in 0..<grid.height {
            if !full, let previous, (0..<grid.width).allSatisfy({ previous[$0, y] == grid[$0, y] }) {
                continue
            }
            out += "\u{1B}[\(y + 1);1H"
            var current: Appearance?
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.continuation { continue }
                let look = palette.appearance(cell.role)
                if look != current {
                    out += Self.sgr(look)
                    current = look
                }
                out.append(cell.glyph)
            }
            out += "\u{1B}[0m"
        }
        if let cursor = frame.cursor {
            out += "\u{1B}[\(cursor.y + 1);\(cursor.x + 1)H\u{1B}[?25h"
        } else {
            out += "\u{1B}[?25l"
        }
        previous = grid
        return out
    }

    /// Select Graphic Rendition for an appearance (starting from a reset).
    static func sgr(_ look: Appearance) -> String {
        var codes = ["0"]
        if look.bold { codes.append("1") }
        if look.dim { codes.append("2") }
        if look.underline { codes.append("4") }
        if look.reverse { codes.append("7") }
        if let foreground = look.foreground {
            codes.append(colour(foreground, base: 30, bright: 90, extended: 38))
        }
        if let background = look.background {
            codes.append(colour(background, base: 40, bright: 100, extended: 48))
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    private static func colour(_ index: Int, base: Int, bright: Int, extended: Int) -> String {
        switch index {
        case 0..<8: return String(base + index)
        case 8..<16: return String(bright + index - 8)
        default: return "\(extended);5;\(index)"
        }
    }
}
