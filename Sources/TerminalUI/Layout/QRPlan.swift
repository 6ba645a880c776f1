import KeepsafeFlow
import QRCode

/// Where and how a screen's QR code is drawn: its cells (quiet zone included), beside the
/// text or above it, or not at all with a notice saying the size it needs.
struct QRPlan {
    /// The symbol's cells, or nil when there is none or it cannot fit.
    var cells: [[QRCell]]?
    var sideBySide = false
    /// Width of the text column beside a side-by-side QR.
    var panelWidth = 0
    /// Shown in place of a QR that does not fit.
    var notice: String?

    var qrHeight: Int { cells?.count ?? 0 }

    /// Tries, best first: side by side then stacked, with a quiet zone of 4, 3 and 2 modules.
    static func choose(screen: Screen, width: Int, height: Int, options: ViewOptions) -> QRPlan {
        guard
            let block = screen.elements.lazy.compactMap({ element -> QRBlock? in
                if case .qr(let block) = element { block } else { nil }
            }).first
        else { return QRPlan() }
        guard let symbol = QRSymbols.symbol(for: block.payload) else {
            return QRPlan(notice: Strings.bundled["terminal.qr.tooLong"])
        }
        let style: QRCellStyle = options.qrTwoColumns || !options.unicode ? .twoColumns : .halfBlocks
        let column = min(width - 4, Layout.maximumColumn)
        var smallest: TerminalSize?
        for margin in [4, 3, 2] {
            let cells = symbol.cells(style: style, margin: margin, invert: options.qrInverted)
            let qrWidth = cells.first?.count ?? 0
            let panel = min(width - qrWidth - 4, 50)
            if panel >= Layout.minimumSidePanel && cells.count <= height - 2 {
                return QRPlan(cells: cells, sideBySide: true, panelWidth: panel)
            }
            if qrWidth <= column && cells.count <= height - 2 {
                return QRPlan(cells: cells, sideBySide: false)
            }
            let needed = TerminalSize(
                width: max(qrWidth + 4, Layout.minimumSize.width), height: cells.count + 2)
            smallest = needed
        }
        let size = smallest.map { "\($0.width)\(options.unicode ? "×" : "x")\($0.height)" } ?? ""
        guard let manual = block.manualKey else {
            return QRPlan(notice: Strings.bundled.format("terminal.qr.needsSize", ["size": size]))
        }
        return QRPlan(
            notice: Strings.bundled.format("terminal.qr.needsSizeKeyBelow", ["size": size, "key": manual]))
    }

    /// The QR as a block (centred in `width` when stacked), or the manual key when absent.
    func block(for source: QRBlock?, width: Int, ascii: Bool, monochrome: Bool) -> Block {
        var block = Block(kind: .qr)
        guard let cells else { return block }
        let qrWidth = cells.first?.count ?? 0
        let indent = sideBySide ? 0 : max(0, (width - qrWidth) / 2)
        for (index, row) in cells.enumerated() {
            block.newRow()
            block.rows[block.rows.count - 1] = Array(repeating: Cell(" ", role: .normal), count: indent)
            for (x, cell) in row.enumerated() {
                let above = index > 0 ? cells[index - 1][x] : nil
                let below = index + 1 < cells.count ? cells[index + 1][x] : nil
                block.rows[block.rows.count - 1].append(
                    Self.draw(cell, above: above, below: below, monochrome: monochrome))
            }
        }
        if !sideBySide, let caption = source?.caption, !caption.isEmpty {
            for line in Columns.wrap(caption, width: width) {
                block.newRow()
                block.append(line, role: .dim, ascii: ascii)
            }
        }
        return block
    }

    /// One QR cell as a screen cell: explicit colours, or in monochrome reverse video for
    /// light (the terminal's foreground is the light colour on a dark terminal; `i` flips).
    ///
    /// Terminals with line spacing leave a strip of each row that no glyph covers, painted
    /// in the cell's background: below the glyph in most, above it in some. A cell of two
    /// shades is `▀` (background = lower module) or `▄` (background = upper module); the
    /// strip then lengthens a module of its own colour only when the neighbouring cell on
    /// that side continues it. So `▀` is chosen when the cell above ends in the same shade
    /// as this one (its strip, above or below, joins a module of its colour), else `▄` when
    /// the cell below starts with the same shade as this one, else `▀` (right for gaps
    /// below the glyph, the commoner kind). `above` and `below` are the QR cells (as from
    /// `QRCode.cells`, `▀` with upper and lower shades) next to this one, if any.
    static func draw(_ cell: QRCell, above: QRCell? = nil, below: QRCell? = nil, monochrome: Bool) -> Cell {
        guard monochrome else {
            let (upper, lower) = (cell.foreground, cell.background)
            if cell.glyph == "▀" && upper != lower && above.map({ $0.background != lower }) ?? true
                && below.map({ $0.foreground == upper }) ?? false
            {
                return Cell("▄", role: .qr(foreground: lower, background: upper))
            }
            // Two modules of one shade: a full block in that colour on that colour, so a
            // terminal that leaves gaps around glyphs still paints the whole cell in the
            // shade. (Not a space: curses may erase runs of spaces, and an erased cell can
            // lose its colour on the way through a multiplexer.)
            if cell.glyph == "▀" && cell.foreground == cell.background {
                return Cell("█", role: .qr(foreground: cell.foreground, background: cell.background))
            }
            return Cell(cell.glyph, role: .qr(foreground: cell.foreground, background: cell.background))
        }
        let (upper, lower): (QRShade, QRShade) =
            cell.glyph == "▀" ? (cell.foreground, cell.background) : (cell.background, cell.background)
        switch (upper, lower) {
        case (.light, .light): return Cell(" ", role: .qrReverse)
        case (.dark, .dark): return Cell(" ", role: .normal)
        case (.light, .dark): return Cell("▀", role: .normal)
        case (.dark, .light): return Cell("▄", role: .normal)
        }
    }
}
