import KeepsafeFlow

/// Element → block conversion: one concern, the look of each control.
extension Layout {
    /// Lays out the screen's elements (QR excluded when `skipQR`) as blocks `width` wide.
    static func blocks(
        for screen: Screen, width: Int, ascii: Bool, skipQR: Bool, qr: (QRBlock) -> Block
    ) -> [Block] {
        var placed: [ElementPlacement] = []
        return blocks(for: screen, width: width, ascii: ascii, skipQR: skipQR, placed: &placed, qr: qr)
    }

    /// Where an element's rows went: block index and rows within it.
    struct ElementPlacement {
        var element: Int
        var block: Int
        var rows: ClosedRange<Int>
    }

    /// `blocks(for:...)`, also saying where each element's rows are (`placed`).
    static func blocks(
        for screen: Screen, width: Int, ascii: Bool, skipQR: Bool, placed: inout [ElementPlacement],
        qr: (QRBlock) -> Block
    ) -> [Block] {
        var blocks: [Block] = []
        var title = Block(kind: .text)
        for line in Columns.wrap(screen.title, width: width) {
            title.newRow()
            title.append(line, role: .heading, ascii: ascii)
        }
        title.newRow()
        title.append(
            String(repeating: ascii ? "-" : "─", count: min(width, max(title.width, 8))), role: .dim,
            ascii: ascii)
        blocks.append(title)
        let labelWidth = min(
            width / 3,
            screen.elements.compactMap {
                if case .field(let field) = $0 { Columns.width(field.label) } else { nil }
            }.max() ?? 0)
        for (elementIndex, element) in screen.elements.enumerated() {
            let blocksBefore = blocks.count
            let rowsBefore = blocks.last?.rows.count ?? 0
            defer {
                // New blocks hold the element whole; otherwise it went into the last block
                // (rows added, or the last row when it joined a row of buttons).
                if blocks.count > blocksBefore {
                    for index in blocksBefore..<blocks.count where !blocks[index].rows.isEmpty {
                        placed.append(
                            ElementPlacement(element: elementIndex, block: index, rows: 0...(blocks[index].rows.count - 1)))
                    }
                } else if let last = blocks.last, !last.rows.isEmpty {
                    let first = min(rowsBefore, last.rows.count - 1)
                    placed.append(
                        ElementPlacement(element: elementIndex, block: blocks.count - 1, rows: first...(last.rows.count - 1)))
                }
            }
            let focused = element.focusID != nil && element.focusID == screen.focus
            switch element {
            case .banner(let banner):
                blocks.append(bannerBlock(banner, focused: focused, width: width, ascii: ascii))
            case .heading(let text):
                blocks.append(textBlock(text, role: .heading, width: width, ascii: ascii))
            case .paragraph(let text):
                blocks.append(textBlock(text, role: .normal, width: width, ascii: ascii))
            case .message(let message):
                blocks.append(messageBlock(message, width: width, ascii: ascii))
            case .field(let field):
                append(
                    fieldBlock(field, focused: focused, labelWidth: labelWidth, width: width, ascii: ascii),
                    to: &blocks)
            case .list(let list):
                append(listBlock(list, focused: focused, width: width, ascii: ascii), to: &blocks)
            case .checkbox(let box):
                var block = Block(kind: .form)
                block.focusIDs = [box.id]
                if focused { block.gutter[0] = marker(ascii) }
                let mark = box.checked ? "[x] " : "[ ] "
                for (index, line) in Columns.wrap(box.label, width: width - 4).enumerated() {
                    block.newRow()
                    block.append(
                        index == 0 ? mark + line : "    " + line, role: focused ? .toggleFocused : .toggle,
                        ascii: ascii)
                }
                block.focusRows[box.id] = 0...(block.rows.count - 1)
                append(block, to: &blocks)
            case .button(let button), .link(let button):
                let isLink = if case .link = element { true } else { false }
                appendAction(
                    button, isLink: isLink, focused: focused, width: width, ascii: ascii, to: &blocks)
            case .qr(let block):
                if !skipQR {
                    blocks.append(qr(block))
                } else if let caption = block.caption, !caption.isEmpty {
                    blocks.append(textBlock(caption, role: .dim, width: width, ascii: ascii))
                }
            case .code(let text):
                var block = Block(kind: .code)
                for line in Columns.wrap(text, width: width - 2) {
                    block.newRow()
                    block.append("  " + line, role: .code, ascii: ascii)
                }
                blocks.append(block)
            }
        }
        return blocks
    }

    /// Merges consecutive form controls into one block (no blank line between them).
    private static func append(_ block: Block, to blocks: inout [Block]) {
        if block.kind == .form, var last = blocks.last, last.kind == .form {
            if let cursor = block.cursor { last.cursor = (last.rows.count + cursor.row, cursor.column) }
            let offset = last.rows.count
            for (id, range) in block.focusRows {
                last.focusRows[id] = (offset + range.lowerBound)...(offset + range.upperBound)
            }
            for (row, glyph) in block.gutter { last.gutter[offset + row] = glyph }
            last.rows += block.rows
            last.focusIDs.formUnion(block.focusIDs)
            blocks[blocks.count - 1] = last
        } else {
            blocks.append(block)
        }
    }

    /// The widest field box: values longer than this scroll inside it.
    static let maximumBox = 40

    /// Buttons share a row while they fit, links likewise; a link after a button starts a row.
    private static func appendAction(
        _ button: Button, isLink: Bool, focused: Bool, width: Int, ascii: Bool, to blocks: inout [Block]
    ) {
        // Without colour: a disabled button has round brackets, the focused action a marker.
        let text = isLink ? button.label : button.enabled ? "[ \(button.label) ]" : "( \(button.label) )"
        let role: Role =
            !button.enabled
            ? .buttonDisabled
            : isLink ? (focused ? .linkFocused : .link) : (focused ? .buttonFocused : .button)
        let textWidth = Columns.width(text)
        var block = blocks.last ?? Block(kind: .actions)
        let continuing = block.kind == .actions && !blocks.isEmpty
        if !continuing { block = Block(kind: .actions) }
        let rowIsLinks = block.rows.last?.first.map { [.link, .linkFocused].contains($0.role) } ?? false
        let sameKind = isLink == rowIsLinks || (block.rows.last?.isEmpty ?? true)
        if block.rows.isEmpty || !sameKind || block.lastRowWidth + 3 + textWidth > width {
            block.newRow()
            if focused { block.gutter[block.rows.count - 1] = marker(ascii) }
        } else {
            // The separator's last column holds the focus marker.
            block.append(isLink ? (ascii ? " |" : " ·") : "  ", role: .dim, ascii: ascii)
            if focused {
                block.append(String(marker(ascii)), role: .heading, ascii: ascii)
            } else {
                block.append(" ", role: .dim, ascii: ascii)
            }
        }
        block.append(String(text.prefix(width)), role: role, ascii: ascii)
        block.focusIDs.insert(button.id)
        block.focusRows[button.id] = (block.rows.count - 1)...(block.rows.count - 1)
        if continuing { blocks[blocks.count - 1] = block } else { blocks.append(block) }
    }

    /// `text` cut to `columns` with an ellipsis when it does not fit (a mail subject in a
    /// list); whole words when a space falls in the last third.
    static func shortened(_ text: String, to columns: Int, ascii: Bool) -> String {
        let clean = Sanitizer.clean(text, ascii: ascii)
        guard Columns.width(clean) > columns else { return clean }
        let ellipsis = ascii ? "..." : "…"
        let room = columns - Columns.width(ellipsis)
        guard room > 0 else { return Columns.split(clean, at: max(1, columns)).0 }
        var head = Columns.split(clean, at: room).0
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= room * 2 / 3 {
            head = String(head[..<space])
        }
        while head.last == " " { head.removeLast() }
        return head + ellipsis
    }

    /// The focus marker, beside the focused control (seen without colour).
    static func marker(_ ascii: Bool) -> Character { ascii ? ">" : "▸" }

    static func textBlock(_ text: String, role: Role, width: Int, ascii: Bool) -> Block {
        var block = Block(kind: .text)
        for line in Columns.wrap(text, width: width) {
            block.newRow()
            block.append(line, role: role, ascii: ascii)
        }
        return block
    }

    private static func messageBlock(_ message: Message, width: Int, ascii: Bool) -> Block {
        let (mark, role): (String, Role) =
            switch message.kind {
            case .info: ("i ", .info)
            case .success: (ascii ? "+ " : "✓ ", .success)
            case .warning: ("! ", .warning)
            case .error: (ascii ? "x " : "✗ ", .error)
            }
        var block = Block(kind: .text)
        for (index, line) in Columns.wrap(message.text, width: width - 2).enumerated() {
            block.newRow()
            block.append((index == 0 ? mark : "  ") + line, role: role, ascii: ascii)
        }
        return block
    }

    private static func bannerBlock(_ banner: Banner, focused: Bool, width: Int, ascii: Bool) -> Block {
        var block = Block(kind: .banner)
        let role: Role = focused ? .bannerFocused : .banner
        let dismiss = banner.dismissible ? (ascii ? " [x]" : " [✕]") : ""
        let lines = Columns.wrap(banner.text, width: width - 2 - dismiss.count)
        for (index, line) in lines.enumerated() {
            block.newRow()
            let suffix = index == 0 ? dismiss : String(repeating: " ", count: dismiss.count)
            let pad = String(
                repeating: " ", count: max(0, width - 2 - dismiss.count - Columns.width(line)))
            block.append(" " + line + pad + suffix + " ", role: role, ascii: ascii)
        }
        if banner.dismissible {
            block.focusIDs = [banner.id]
            block.focusRows[banner.id] = 0...max(0, block.rows.count - 1)
            if focused { block.gutter[0] = marker(ascii) }
        }
        return block
    }

    private static func fieldBlock(_ field: Field, focused: Bool, labelWidth: Int, width: Int, ascii: Bool)
        -> Block
    {
        var block = Block(kind: .form)
        block.focusIDs = [field.id]
        block.newRow()
        let label = Columns.wrap(field.label, width: labelWidth).first ?? ""
        let padding = max(0, labelWidth - Columns.width(label))
        // The marker sits right before the label: in its padding, else in the gutter.
        if focused && padding == 0 { block.gutter[0] = marker(ascii) }
        block.append(String(repeating: " ", count: focused ? max(0, padding - 1) : padding), role: .normal, ascii: ascii)
        if focused && padding > 0 { block.append(String(marker(ascii)), role: .heading, ascii: ascii) }
        block.append(label + "  ", role: focused ? .heading : .label, ascii: ascii)
        let boxWidth = max(4, min(maximumBox, width - block.lastRowWidth))
        let shown =
            field.masked ? String(repeating: ascii ? "*" : "•", count: field.value.count) : field.value
        let glyphs = Array(Sanitizer.clean(shown, ascii: ascii))
        let cursor = min(max(0, field.cursor), glyphs.count)
        // Scroll the value horizontally so the caret stays inside the box.
        let start = max(0, cursor - (boxWidth - 1))
        let visible = String(glyphs[start..<min(glyphs.count, start + boxWidth)])
        let boxStart = block.lastRowWidth
        let role: Role = !field.editable ? .normal : (focused ? .fieldFocused : .field)
        block.append(visible, role: role, ascii: ascii)
        if field.editable {
            // The empty part of the box is underscores: a field shows without colour.
            block.append(
                String(repeating: "_", count: max(0, boxWidth - Columns.width(visible))), role: role,
                ascii: ascii)
        }
        if focused && field.editable {
            block.cursor = (0, boxStart + Columns.width(String(glyphs[start..<cursor])))
        }
        if let hint = field.hint, !hint.isEmpty {
            for line in Columns.wrap(hint, width: width - labelWidth - 2) {
                block.newRow()
                block.append(String(repeating: " ", count: labelWidth + 2) + line, role: .dim, ascii: ascii)
            }
        }
        block.focusRows[field.id] = 0...(block.rows.count - 1)
        return block
    }

    private static func listBlock(_ list: ListBox, focused: Bool, width: Int, ascii: Bool) -> Block {
        var block = listRows(list, focused: focused, width: width, ascii: ascii)
        block.focusRows[list.id] = 0...max(0, block.rows.count - 1)
        return block
    }

    private static func listRows(_ list: ListBox, focused: Bool, width: Int, ascii: Bool) -> Block {
        var block = Block(kind: .form)
        block.focusIDs = [list.id]
        block.newRow()
        if focused { block.gutter[0] = marker(ascii) }
        block.append(list.label, role: focused ? .heading : .label, ascii: ascii)
        if focused || !list.filter.isEmpty {
            block.append("  ", role: .normal, ascii: ascii)
            let search =
                list.filter.isEmpty
                ? Strings.bundled["terminal.list.typeToSearch"]
                : Strings.bundled.format("terminal.list.search", ["filter": list.filter])
            block.append(search, role: .dim, ascii: ascii)
        }
        let rows = max(1, list.visibleRows)
        if list.items.isEmpty {
            block.newRow()
            block.append("  " + Strings.bundled["terminal.list.noMatches"], role: .dim, ascii: ascii)
            return block
        }
        let selected = list.selected.map { min(max(0, $0), list.items.count - 1) }
        let first = max(0, min((selected ?? 0) - rows / 2, list.items.count - rows))
        let last = min(list.items.count, first + rows)
        for index in first..<last {
            let item = list.items[index]
            let isSelected = index == selected
            let role: Role = isSelected ? (focused ? .listSelectedFocused : .listSelected) : .listItem
            let arrow =
                first > 0 && index == first
                ? (ascii ? "^" : "↑")
                : (last < list.items.count && index == last - 1 ? (ascii ? "v" : "↓") : " ")
            block.newRow()
            block.append(arrow, role: .dim, ascii: ascii)
            var text = (isSelected ? "> " : "  ") + item.label
            if let detail = item.detail, !detail.isEmpty { text += "  " }
            block.append(shortened(text, to: max(1, width - 2), ascii: ascii), role: role, ascii: ascii)
            if let detail = item.detail, !detail.isEmpty, block.lastRowWidth < width - 4 {
                let room = width - 1 - block.lastRowWidth
                block.append(
                    shortened(detail, to: room, ascii: ascii), role: isSelected && focused ? role : .dim,
                    ascii: ascii)
            }
            let pad = width - 1 - block.lastRowWidth
            if isSelected && pad > 0 {
                block.append(String(repeating: " ", count: pad), role: role, ascii: ascii)
            }
        }
        return block
    }
}
