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
        var placed: [ElementPlacement] = []
        var blocks = self.blocks(
            for: screen, width: column, ascii: ascii, skipQR: plan.sideBySide, placed: &placed
        ) { block in
            plan.block(for: block, width: column, ascii: ascii, monochrome: options.monochrome)
        }
        if plan.cells == nil, let notice = plan.notice {
            let at = min(1, blocks.count)
            blocks.insert(textBlock(notice, role: .warning, width: column, ascii: ascii), at: at)
            for index in placed.indices where placed[index].block >= at { placed[index].block += 1 }
        }
        if plan.cells != nil {
            let hint = Strings.bundled[ascii ? "terminal.qr.hintASCII" : "terminal.qr.hint"]
            blocks.append(textBlock(hint, role: .dim, width: column, ascii: ascii))
        }
        // Place the blocks on content rows, a blank row between blocks of different kinds.
        var rows: [[Cell]] = []
        var gutter: [Int: Character] = [:]
        var focusRows: ClosedRange<Int>?
        var cursor: CellPoint?
        var blockTops: [Int] = []
        for (index, block) in blocks.enumerated() {
            if index > 0 { rows.append([]) }
            let top = rows.count
            blockTops.append(top)
            if let focus = screen.focus, let range = block.focusRows[focus] {
                focusRows = (top + range.lowerBound)...(top + range.upperBound)
                if let caret = block.cursor { cursor = CellPoint(x: caret.column, y: top + caret.row) }
            }
            for (row, glyph) in block.gutter { gutter[top + row] = glyph }
            rows += block.rows
        }
        let statusRow = height - 1
        let contentTop = 1
        let visible = height - 2
        let maxScroll = max(0, rows.count - visible)
        var scroll = min(max(0, options.scroll), maxScroll)
        // A focused control too tall to pin is always scrolled into view.
        let pinnable = focusRows.map { $0.count + 1 <= visible / 2 } ?? false
        if let focusRows, options.revealFocus || !pinnable {
            if focusRows.upperBound >= scroll + visible {
                scroll = min(maxScroll, focusRows.upperBound - visible + 1)
            }
            if focusRows.lowerBound < scroll { scroll = focusRows.lowerBound }
        }
        // A focused control scrolled out of view (the user paged away from it) stays on
        // screen: pinned to the bottom of the viewport, below a dotted rule.
        var pinned: ClosedRange<Int>?
        var lastScroll = maxScroll
        if let focusRows, pinnable,
            focusRows.lowerBound < scroll || focusRows.upperBound >= scroll + visible
        {
            pinned = focusRows
            // The pinned rows cover the bottom of the viewport: the last rows need more scroll.
            lastScroll = max(0, rows.count - (visible - focusRows.count - 1))
            scroll = min(max(0, options.scroll), lastScroll)
        }
        let scrolledRows = visible - (pinned.map { $0.count + 1 } ?? 0)
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
        func place(source: Int, at y: Int) {
            for (offset, cell) in rows[source].enumerated() { grid[left + offset, y] = cell }
            if let glyph = gutter[source] { grid[left - 1, y] = Cell(glyph, role: .heading) }
        }
        for row in 0..<scrolledRows {
            let source = scroll + row
            guard source < rows.count else { break }
            place(source: source, at: contentTop + row)
        }
        if let pinned {
            let ruleRow = contentTop + scrolledRows
            grid.put(
                String(repeating: ascii ? "." : "┄", count: column), x: left, y: ruleRow, role: .dim)
            for (offset, source) in pinned.enumerated() { place(source: source, at: ruleRow + 1 + offset) }
        }
        if let caret = cursor {
            if let pinned, pinned.contains(caret.y) {
                cursor = CellPoint(x: left + caret.x, y: contentTop + scrolledRows + 1 + caret.y - pinned.lowerBound)
            } else {
                let y = caret.y - scroll + contentTop
                cursor =
                    (contentTop..<(contentTop + scrolledRows)).contains(y) ? CellPoint(x: left + caret.x, y: y) : nil
            }
        }
        // The elements a person sees whole: every row in the scrolled rows or pinned, and a
        // side-by-side QR.
        var seen = Set<Int>()
        if plan.sideBySide && plan.cells != nil {
            for (index, element) in screen.elements.enumerated() {
                if case .qr = element { seen.insert(index) }
            }
        }
        var partly = Set<Int>()
        var hidden = Set<Int>()
        for placement in placed {
            let top = blockTops[placement.block]
            let range = (top + placement.rows.lowerBound)...(top + placement.rows.upperBound)
            let shown = range.allSatisfy { row in
                (scroll..<(scroll + scrolledRows)).contains(row) || (pinned?.contains(row) ?? false)
            }
            if shown { partly.insert(placement.element) } else { hidden.insert(placement.element) }
        }
        seen.formUnion(partly.subtracting(hidden))
        drawTitleBar(&grid, name: options.portalName, title: screen.title, ascii: ascii)
        var hints = StatusLine.hints(screen.status)
        if lastScroll > 0 {
            // Drawn through the ASCII fallback where needed: ↓ and ↑ become v and ^.
            hints.insert(Strings.bundled[scroll < lastScroll ? "terminal.scroll.more" : "terminal.scroll.top"], at: 0)
        }
        let cleanHints = hints.map { Sanitizer.clean($0, ascii: ascii) }
        let status = StatusLine.fit(
            cleanHints, width: width - 1, separator: Sanitizer.clean(" · ", ascii: ascii))
        grid.clearRow(statusRow, role: .status)
        grid.put(" " + status, x: 0, y: statusRow, role: .status)
        if plan.sideBySide {
            let qr = plan.block(for: nil, width: qrWidth, ascii: ascii, monochrome: options.monochrome)
            drawQR(qr, into: &grid, x: (width - (qrWidth + 2 + column)) / 2, y: contentTop)
        }
        return Frame(
            grid: grid, cursor: cursor, needed: nil, scroll: scroll, maxScroll: lastScroll,
            showsQR: plan.cells != nil, page: max(1, scrolledRows - 2), visibleElements: seen)
    }

    private static func drawQR(_ block: Block, into grid: inout CellGrid, x: Int, y: Int) {
        for (row, cells) in block.rows.enumerated() {
            for (offset, cell) in cells.enumerated() { grid[x + offset, y + row] = cell }
        }
    }

    /// The title bar: the screen's title on the left, the portal's name on the right; when
    /// both do not fit, the title stays and the name goes (whole words, then an ellipsis).
    private static func drawTitleBar(_ grid: inout CellGrid, name: String, title: String, ascii: Bool) {
        grid.clearRow(0, role: .titleBar)
        let title = Sanitizer.clean(title, ascii: ascii)
        let name = Sanitizer.clean(name, ascii: ascii)
        let room = grid.width - 2
        let titleText = StatusLine.fit([title], width: room, separator: "")
        if title.isEmpty {
            grid.put(name, x: max(1, (grid.width - Columns.width(name)) / 2), y: 0, role: .titleBar)
            return
        }
        grid.put(titleText, x: 1, y: 0, role: .titleBar)
        let nameRoom = room - Columns.width(titleText) - 3
        guard nameRoom >= 8 else { return }
        let nameText = StatusLine.fit([name], width: nameRoom, separator: "")
        grid.put(nameText, x: grid.width - 1 - Columns.width(nameText), y: 0, role: .titleBar)
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
