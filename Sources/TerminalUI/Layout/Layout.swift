import KeepsafeFlow
import QRCode

/// The pure layout step: a screen model, a terminal size and the view options in; every
/// cell of the frame out. No terminal is involved, so tests compare lines of a grid.
///
/// The frame is a title bar (portal name) on the first row, the key help on the last row,
/// and the screen centred between them (at most 76 columns wide). A QR screen draws the
/// symbol beside the rest when the terminal is wide enough, above it otherwise.
public enum Layout {
    /// The smallest terminal any screen is drawn in.
    public static let minimumSize = TerminalSize(width: 40, height: 12)
    /// The widest content column.
    static let maximumColumn = 76
    /// The narrowest text column beside a QR code.
    static let minimumSidePanel = 28

    /// Lays out `screen` for a `width`×`height` terminal.
    ///
    /// - Parameters:
    ///   - width: columns, any value; below `minimumSize` the frame says the size needed.
    ///   - height: rows, any value.
    public static func frame(_ screen: Screen, width: Int, height: Int, options: ViewOptions) -> Frame {
        var grid = CellGrid(width: width, height: height)
        guard width >= minimumSize.width, height >= minimumSize.height else {
            drawTooSmall(&grid, needed: minimumSize, ascii: !options.unicode)
            return Frame(
                grid: grid, cursor: nil, needed: minimumSize, scroll: 0, maxScroll: 0, showsQR: false, page: 1
            )
        }
        let ascii = !options.unicode
        let plan = QRPlan.choose(screen: screen, width: width, height: height, options: options)
        let column = plan.sideBySide ? plan.panelWidth : min(width - 4, maximumColumn)
        var blocks = self.blocks(for: screen, width: column, ascii: ascii, skipQR: plan.sideBySide) { block in
            plan.block(for: block, width: column, ascii: ascii, monochrome: options.monochrome)
        }
        if plan.cells == nil, let notice = plan.notice {
            blocks.insert(
                textBlock(notice, role: .warning, width: column, ascii: ascii), at: min(1, blocks.count))
        }
        if plan.cells != nil {
            let hint = Strings.bundled[ascii ? "terminal.qr.hintASCII" : "terminal.qr.hint"]
            blocks.append(textBlock(hint, role: .dim, width: column, ascii: ascii))
        }
        // Place the blocks on content rows, a blank row between blocks of different kinds.
        var rows: [[Cell]] = []
        var focusRows: ClosedRange<Int>?
        var cursor: CellPoint?
        for (index, block) in blocks.enumerated() {
            if index > 0 { rows.append([]) }
            let top = rows.count
            if let focus = screen.focus, block.focusIDs.contains(focus) {
                focusRows = top...(top + max(0, block.rows.count - 1))
                if let caret = block.cursor { cursor = CellPoint(x: caret.column, y: top + caret.row) }
            }
            rows += block.rows
        }
        let statusRow = height - 1
        let contentTop = 1
        let visible = height - 2
        let maxScroll = max(0, rows.count - visible)
        var scroll = min(max(0, options.scroll), maxScroll)
        if let focusRows {
            if focusRows.upperBound >= scroll + visible {
                scroll = min(maxScroll, focusRows.upperBound - visible + 1)
            }
            if focusRows.lowerBound < scroll { scroll = focusRows.lowerBound }
        }
        let normal = Cell(" ", role: .normal)
        grid = CellGrid(width: width, height: height, fill: normal)
        let qrWidth = plan.cells.map { $0.first?.count ?? 0 } ?? 0
        let left: Int
        if plan.sideBySide {
            let total = qrWidth + 2 + column
            left = (width - total) / 2 + qrWidth + 2
        } else {
            left = (width - column) / 2
        }
        for row in 0..<visible {
            let source = scroll + row
            guard source < rows.count else { break }
            for (offset, cell) in rows[source].enumerated() { grid[left + offset, contentTop + row] = cell }
        }
        if let caret = cursor {
            let y = caret.y - scroll + contentTop
            cursor =
                (contentTop..<(contentTop + visible)).contains(y) ? CellPoint(x: left + caret.x, y: y) : nil
        }
        drawTitleBar(&grid, name: options.portalName, title: screen.title, ascii: ascii)
        var status = screen.status
        if maxScroll > 0 {
            // The status line is drawn through the ASCII fallback: ↓ and ↑ become v and ^.
            status =
                Strings.bundled[scroll < maxScroll ? "terminal.scroll.more" : "terminal.scroll.top"] + "  "
                + status
        }
        let statusLeft = plan.sideBySide && plan.qrHeight >= height - 1 ? left : 0
        grid.clearRow(statusRow, role: .status)
        for x in 0..<statusLeft { grid[x, statusRow] = normal }
        grid.put(" " + Sanitizer.clean(status, ascii: ascii), x: statusLeft, y: statusRow, role: .status)
        if plan.sideBySide {
            // Last, so that a QR as tall as the terminal keeps its bottom row.
            let qr = plan.block(for: nil, width: qrWidth, ascii: ascii, monochrome: options.monochrome)
            drawQR(qr, into: &grid, x: (width - (qrWidth + 2 + column)) / 2, y: contentTop)
        }
        return Frame(
            grid: grid, cursor: cursor, needed: nil, scroll: scroll, maxScroll: maxScroll,
            showsQR: plan.cells != nil, page: max(1, visible - 2))
    }

    private static func drawQR(_ block: Block, into grid: inout CellGrid, x: Int, y: Int) {
        for (row, cells) in block.rows.enumerated() {
            for (offset, cell) in cells.enumerated() { grid[x + offset, y + row] = cell }
        }
    }

    private static func drawTitleBar(_ grid: inout CellGrid, name: String, title: String, ascii: Bool) {
        grid.clearRow(0, role: .titleBar)
        let text = Sanitizer.clean(name, ascii: ascii)
        let textWidth = Columns.width(text)
        grid.put(text, x: max(1, (grid.width - textWidth) / 2), y: 0, role: .titleBar)
    }

    private static func drawTooSmall(_ grid: inout CellGrid, needed: TerminalSize, ascii: Bool) {
        let times = ascii ? "x" : "×"
        let message = Strings.bundled.format(
            "terminal.tooSmall",
            [
                "size": "\(grid.width)\(times)\(grid.height)",
                "needed": "\(needed.width)\(times)\(needed.height)",
            ])
        let lines = Columns.wrap(message, width: max(1, grid.width - 2))
        let top = max(0, (grid.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            grid.put(
                line, x: max(0, (grid.width - Columns.width(line)) / 2), y: top + index, role: .warning)
        }
    }
}
