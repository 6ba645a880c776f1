/// The two colours a QR Code is drawn in. Renderers map them to real colours: dark to black,
/// light to (bright) white, whatever the terminal's own theme.
public enum QRShade: Sendable, Equatable {
    case dark
    case light

    /// The other shade.
    public var inverted: QRShade { self == .dark ? .light : .dark }
}

/// One terminal cell of a drawn QR Code: a glyph and its two colours.
public struct QRCell: Sendable, Equatable {
    /// The character to draw in the cell.
    public var glyph: Character
    /// The colour of the glyph's ink.
    public var foreground: QRShade
    /// The colour of the rest of the cell.
    public var background: QRShade

    public init(glyph: Character, foreground: QRShade, background: QRShade) {
        self.glyph = glyph
        self.foreground = foreground
        self.background = background
    }
}

/// How modules map onto terminal cells.
public enum QRCellStyle: Sendable {
    /// One column and two module rows per cell: `▀` with the upper module as foreground and
    /// the lower module as background. Square modules in most fonts, half the rows.
    case halfBlocks
    /// Two space cells per module, the module's shade as background: for fonts where half
    /// blocks leave gaps, or terminals without Unicode.
    case twoColumns
    /// Two cells per module, `##` dark and two spaces light, as `qrencode -t ASCII` draws:
    /// for terminals without colour; the shades describe the module each cell draws.
    case ascii
}
