import KeepsafeFlow

/// Widths and wrapping in terminal columns. Text is made safe by `Sanitizer`, the one
/// sanitizer; this only measures and breaks lines.
public enum Columns {
    /// Columns a glyph occupies: 2 for East Asian wide and emoji presentation ranges, else 1.
    public static func width(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 1 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Columns `text` occupies once made safe.
    public static func width(_ text: String) -> Int {
        // Printable ASCII is safe as it is and one column a byte: most words of a screen.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return Sanitizer.clean(text).reduce(0) { $0 + width(of: $1) }
    }

    /// Greedy word wrap to `width` columns; words longer than a line are split. Embedded
    /// newlines start new lines. Always returns at least one line.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let limit = max(1, width)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                var wordWidth = self.width(word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= limit {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > limit {
                    let (head, rest) = split(word, at: limit)
                    lines.append(head)
                    word = rest
                    wordWidth = self.width(word)
                }
                line = word
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines.isEmpty ? [""] : lines
    }

    /// Splits `text` after at most `columns` columns (at least one glyph).
    static func split(_ text: String, at columns: Int) -> (String, String) {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let span = width(of: text[index])
            if used + span > columns && used > 0 { break }
            used += span
            index = text.index(after: index)
        }
        return (String(text[..<index]), String(text[index...]))
    }
}
