/// A size in terminal cells.
public struct TerminalSize: Sendable, Equatable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
    public var description: String { "\(width)×\(height)" }
}

/// A cell position, column `x` and row `y` from the top left.
public struct CellPoint: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// Terminal-side view state: what the UI alone decides (never flow state, so a resize or
/// a toggle cannot lose anything).
public struct ViewOptions: Sendable, Equatable {
    /// The portal name for the title bar (from the brand).
    public var portalName: String
    /// False when the locale is not UTF-8: ASCII glyphs only, two-column QR.
    public var unicode: Bool
    /// No colour for the QR: it falls back to reverse video (mono theme, colourless terminal).
    public var monochrome: Bool
    /// `i` on QR screens: swap dark and light modules.
    public var qrInverted: Bool
    /// `f` on QR screens: two columns of coloured spaces per module.
    public var qrTwoColumns: Bool
    /// First content row shown (PageUp/PageDown); layout clamps it.
    public var scroll: Int
    /// Scroll so that the focused control is inside the scrolled rows (after focus moves or
    /// typing). When false the scroll stays where the user put it and a focused control
    /// outside it is pinned to the bottom of the viewport instead.
    public var revealFocus: Bool

    public init(
        portalName: String, unicode: Bool = true, monochrome: Bool = false, qrInverted: Bool = false,
        qrTwoColumns: Bool = false, scroll: Int = 0, revealFocus: Bool = true
    ) {
        self.revealFocus = revealFocus
        self.portalName = portalName
        self.unicode = unicode
        self.monochrome = monochrome
        self.qrInverted = qrInverted
        self.qrTwoColumns = qrTwoColumns
        self.scroll = scroll
    }
}

/// The result of laying out one screen: every cell, and where the cursor goes.
public struct Frame: Sendable, Equatable {
    public var grid: CellGrid
    /// Where the terminal cursor belongs (the caret of the focused field), if visible.
    public var cursor: CellPoint?
    /// Set when the terminal is smaller than this screen needs: the size it needs.
    public var needed: TerminalSize?
    /// The scroll offset actually used (clamped, moved to show the focused element).
    public var scroll: Int
    /// The largest useful scroll offset (0 when everything fits).
    public var maxScroll: Int
    /// True when a QR code is drawn (the `i` and `f` keys apply).
    public var showsQR: Bool
    /// How many content rows one PageDown moves.
    public var page: Int
    /// Indexes into the screen's elements drawn whole in this frame (every row of them in
    /// the viewport): what a person can read without scrolling.
    public var visibleElements: Set<Int>

    public init(
        grid: CellGrid, cursor: CellPoint?, needed: TerminalSize?, scroll: Int, maxScroll: Int, showsQR: Bool,
        page: Int, visibleElements: Set<Int> = []
    ) {
        self.grid = grid
        self.cursor = cursor
        self.needed = needed
        self.scroll = scroll
        self.maxScroll = maxScroll
        self.showsQR = showsQR
        self.page = page
        self.visibleElements = visibleElements
    }
}
