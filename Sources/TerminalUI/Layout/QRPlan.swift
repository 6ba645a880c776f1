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
        guard let symbol = try? QRCode.encode(text: block.payload, errorCorrection: .low) else {
            return QRPlan(notice: Strings.bundled["terminal.qr.tooLong"])
        }
        let style: QRCellStyle = options.qrTwoColumns || !options.unicode ? .twoColumns : .halfBlocks
        let column = min(width - 4, Layout.maximumColumn)
        var smallest: TerminalSize?
        for margin in [4, 3, 2] {
            let cells = symbol.cells(style: style, margin: margin, invert: options.qrInverted)
            let qrWidth = cells.first?.count ?? 0
            let panel = min(width - qrWidth - 4, 50)
            if panel >= Layout.minimumSidePanel && cells.count <= height - 1 {
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
        for row in cells {
            block.newRow()
            block.rows[block.rows.count - 1] = Array(repeating: Cell(" ", role: .normal), count: indent)
            for cell in row {
                block.rows[block.rows.count - 1].append(Self.draw(cell, monochrome: monochrome))
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
    static func draw(_ cell: QRCell, monochrome: Bool) -> Cell {
        guard monochrome else {
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
