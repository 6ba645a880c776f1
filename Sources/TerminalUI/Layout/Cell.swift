import KeepsafeFlow
import QRCode

/// What a cell means, not how it looks: the palette maps roles to colours and attributes,
/// so one layout serves every theme.
public enum Role: Sendable, Hashable {
    case normal
    case titleBar
    case heading
    case dim
    case info, success, warning, error
    case banner, bannerFocused
    case label
    case field, fieldFocused
    case button, buttonFocused, buttonDisabled
    case link, linkFocused
    case toggle, toggleFocused
    case listItem, listSelected, listSelectedFocused
    case code
    case status
    /// A QR cell: explicit shades, independent of the terminal's theme.
    case qr(foreground: QRShade, background: QRShade)
    /// A QR cell in monochrome: reverse video stands for a light module.
    case qrReverse
}

/// One character cell of the screen.
public struct Cell: Sendable, Equatable {
    /// The grapheme drawn here; a space for blank cells.
    public var glyph: Character
    public var role: Role
    /// True for the right half of a double-width glyph (nothing is drawn there).
    public var continuation: Bool

    public init(_ glyph: Character = " ", role: Role = .normal, continuation: Bool = false) {
        self.glyph = glyph
        self.role = role
        self.continuation = continuation
    }
}

/// A rectangle of cells, row-major: the output of layout and the contents of the
/// headless terminal.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    /// A blank grid; negative sizes are treated as zero.
    public init(width: Int, height: Int, fill: Cell = Cell()) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : Cell() }
        set { if contains(x, y) { cells[y * width + x] = newValue } }
    }

    func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes `text` from column `x` of row `y`, clipped at `limit` columns (default: the
    /// grid's right edge). Text is made terminal-safe first. Returns the column after it.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role, limit: Int? = nil) -> Int {
        let end = min(width, limit ?? width)
        var column = x
        for glyph in Sanitizer.clean(text) {
            let span = Columns.width(of: glyph)
            guard column + span <= end else { break }
            self[column, y] = Cell(glyph, role: role)
            if span == 2 { self[column + 1, y] = Cell(" ", role: role, continuation: true) }
            column += span
        }
        return column
    }

    /// Paints `role` over columns `x..<x+count` of row `y`, keeping the glyphs.
    public mutating func paint(role: Role, x: Int, y: Int, count: Int) {
        for column in max(0, x)..<max(max(0, x), min(width, x + count)) {
            self[column, y].role = role
        }
    }

    /// Fills a whole row with spaces in `role`.
    public mutating func clearRow(_ y: Int, role: Role) {
        for column in 0..<width { self[column, y] = Cell(" ", role: role) }
    }

    /// The glyphs of row `y` as a string, trailing spaces kept (continuation cells skipped).
    public func text(row y: Int) -> String {
        String(decoding: utf8(row: y), as: UTF8.self)
    }

    /// Every row as text with trailing spaces removed: what a person reads.
    public var lines: [String] {
        (0..<height).map { row in
            var bytes = utf8(row: row)
            while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Row `y` as UTF-8 (appending bytes, not characters: walkthroughs read every
    /// screen they look at this way).
    private func utf8(row y: Int) -> [UInt8] {
        guard y >= 0, y < height else { return [] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width)
        for cell in cells[(y * width)..<((y + 1) * width)] where !cell.continuation {
            if let ascii = cell.glyph.asciiValue {
                bytes.append(ascii)
            } else {
                bytes.append(contentsOf: cell.glyph.utf8)
            }
        }
        return bytes
    }
}
