import KeepsafeBase
import QRCode

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Lines for one element; called by `TextRenderer.render` for each element in order.
extension TextRenderer {
    enum ElementLayout {
        static func lines(for element: Element, focused: Bool, width: Int, options: TextRenderer.Options)
            -> [String]
        {
            let marker = focused ? "> " : "  "
            let inner = width - 2
            switch element {
            case .banner(let banner):
                let suffix = banner.dismissible ? " [×]" : ""
                return TextRenderer.Wording.wrap(
                    "! " + TextRenderer.Wording.sanitize(banner.text) + suffix, width: inner
                )
                .map { marker + $0 }
            case .heading(let text):
                let heading = TextRenderer.Wording.sanitize(text)
                return [heading, String(repeating: "-", count: min(max(heading.count, 1), width))]
            case .paragraph(let text):
                return TextRenderer.Wording.sanitize(text).split(
                    separator: "\n", omittingEmptySubsequences: false
                )
                .flatMap { TextRenderer.Wording.wrap(String($0), width: width) }
            case .message(let message):
                let glyph: String
                switch message.kind {
                case .error: glyph = "✗ "
                case .warning: glyph = "! "
                case .success: glyph = "✓ "
                case .info: glyph = "i "
                }
                return TextRenderer.Wording.wrap(
                    glyph + TextRenderer.Wording.sanitize(message.text), width: width)
            case .field(let field):
                return fieldLines(field, marker: marker, width: width)
            case .list(let list):
                return listLines(list, marker: marker, focused: focused)
            case .checkbox(let box):
                return [marker + (box.checked ? "[x] " : "[ ] ") + TextRenderer.Wording.sanitize(box.label)]
            case .button(let button):
                return [
                    marker + "[ " + TextRenderer.Wording.sanitize(button.label) + " ]"
                        + (button.enabled ? "" : " (disabled)")
                ]
            case .link(let link):
                return [
                    marker + "→ " + TextRenderer.Wording.sanitize(link.label)
                        + (link.enabled ? "" : " (disabled)")
                ]
            case .qr(let block):
                return QRLayout.lines(for: block, width: width, options: options)
            case .code(let text):
                let shown =
                    options.maskSecrets
                    ? TextRenderer.Wording.mask(text) : TextRenderer.Wording.sanitize(text)
                return shown.split(separator: "\n").map { "    " + $0 }
            }
        }

        private static func fieldLines(_ field: Field, marker: String, width: Int) -> [String] {
            let value =
                field.masked
                ? String(repeating: "•", count: field.value.count)
                : TextRenderer.Wording.sanitize(field.value)
            let box = value + String(repeating: " ", count: max(0, 20 - value.count))
            var line = marker + TextRenderer.Wording.sanitize(field.label) + ": [" + box + "]"
            if !field.editable { line += " (read-only)" }
            var lines = [line]
            if let hint = field.hint, !hint.isEmpty {
                lines += TextRenderer.Wording.wrap(TextRenderer.Wording.sanitize(hint), width: width - 4).map
                { "    " + $0 }
            }
            return lines
        }

        private static func listLines(_ list: ListBox, marker: String, focused: Bool) -> [String] {
            var lines = [marker + TextRenderer.Wording.sanitize(list.label) + ":"]
            if !list.filter.isEmpty || focused {
                lines.append("    Search: [" + TextRenderer.Wording.sanitize(list.filter) + "]")
            }
            if list.items.isEmpty {
                lines.append("    (no matches)")
                return lines
            }
            let rows = max(1, list.visibleRows)
            let selected = min(max(list.selected ?? 0, 0), list.items.count - 1)
            var first = max(0, selected - rows / 2)
            first = min(first, max(0, list.items.count - rows))
            let last = min(list.items.count, first + rows)
            if first > 0 { lines.append("    ↑ \(first) more") }
            for index in first..<last {
                let item = list.items[index]
                let mark = list.selected == index ? "(•) " : "( ) "
                var line = "    " + mark + TextRenderer.Wording.sanitize(item.label)
                if let detail = item.detail, !detail.isEmpty {
                    line += "  " + TextRenderer.Wording.sanitize(detail)
                }
                lines.append(line)
            }
            if last < list.items.count { lines.append("    ↓ \(list.items.count - last) more") }
            return lines
        }
    }

}

/// Draws the QR block; called by `ElementLayout` for `.qr` elements.
extension TextRenderer {
    enum QRLayout {
        static func lines(for block: QRBlock, width: Int, options: TextRenderer.Options) -> [String] {
            var lines: [String] = []
            do {
                // Masked: the symbol's size depends on the random secret's encoding, so
                // the stand-in has a fixed shape.
                let drawn =
                    options.maskSecrets
                    ? [maskedPlaceholder] : try drawing(of: block.payload, options: options)
                let columns = drawn.first?.count ?? 0
                let indent = String(repeating: " ", count: max(0, (width - columns) / 2))
                lines += drawn.map { indent + $0 }
                if columns > width {
                    lines.append(
                        "(the QR code needs \(columns) columns; widen the terminal or use the key below)")
                }
            } catch {
                lines.append("(the QR code cannot be drawn: \(error))")
            }
            if let caption = block.caption, !caption.isEmpty {
                lines += TextRenderer.Wording.wrap(TextRenderer.Wording.sanitize(caption), width: width)
            }
            if let key = block.manualKey, !key.isEmpty {
                let shown =
                    options.maskSecrets ? TextRenderer.Wording.mask(key) : TextRenderer.Wording.sanitize(key)
                lines.append("Key: " + shown)
            }
            return lines
        }

        /// The symbol's text rows, from the cache when the payload was drawn last time
        /// (a screen is redrawn many times while its QR code stays the same).
        /// - Throws: `QRCodeError` when the payload does not fit a QR code.
        static func drawing(of payload: String, options: TextRenderer.Options) throws -> [String] {
            let key = QRDrawingCache.Key(
                payload: payload, ascii: options.qrStyle == .ascii, invert: options.invertQR)
            if let rows = QRDrawingCache.shared.rows(for: key) { return rows }
            // Too long for a symbol: encoding again says why.
            let code = try QRSymbols.symbol(for: payload) ?? QRCode.encode(text: payload)
            let modules = modules(code, invert: options.invertQR)
            let rows = options.qrStyle == .ascii ? ascii(modules) : halfBlocks(modules)
            QRDrawingCache.shared.store(rows, for: key)
            return rows
        }

        /// What a masked QR block shows instead of the symbol.
        static let maskedPlaceholder = "[QR code]"

        /// Module rows with the quiet zone; `true` = dark (after `invert`).
        static func modules(_ code: QRCode, invert: Bool) -> [[Bool]] {
            let margin = TextRenderer.qrMargin
            return (-margin..<(code.size + margin)).map { y in
                (-margin..<(code.size + margin)).map { x in code[x, y] != invert }
            }
        }

        /// Two module rows per line: `█` both dark, `▀` upper only, `▄` lower only.
        static func halfBlocks(_ rows: [[Bool]]) -> [String] {
            stride(from: 0, to: rows.count, by: 2).map { y in
                let upper = rows[y]
                let lower = y + 1 < rows.count ? rows[y + 1] : Array(repeating: false, count: upper.count)
                return String(
                    zip(upper, lower).map { pair -> Character in
                        switch pair {
                        case (true, true): return "█"
                        case (true, false): return "▀"
                        case (false, true): return "▄"
                        case (false, false): return " "
                        }
                    })
            }
        }

        static func ascii(_ rows: [[Bool]]) -> [String] {
            rows.map { row in row.map { $0 ? "##" : "  " }.joined() }
        }
    }
}

/// The last few QR drawings, shared by every renderer call (thread-safe).
private final class QRDrawingCache: @unchecked Sendable {
    struct Key: Hashable {
        var payload: String
        var ascii: Bool
        var invert: Bool
    }

    static let shared = QRDrawingCache()
    private static let capacity = 8
    private let lock = Lock()
    private var entries: [(key: Key, rows: [String])] = []

    func rows(for key: Key) -> [String]? {
        lock.withLock { entries.first { $0.key == key }?.rows }
    }

    func store(_ rows: [String], for key: Key) {
        lock.withLock {
            entries.removeAll { $0.key == key }
            entries.insert((key, rows), at: 0)
            if entries.count > Self.capacity { entries.removeLast() }
        }
    }
}
