/// Text helpers of the text renderer: wrapping, masking and a last line of defence
/// against control characters.
extension TextRenderer {
    enum Wording {
        /// The one rule of `Sanitizer` (controls, DEL, bidirectional controls and line
        /// separators become U+FFFD), line by line: the flow sanitises user strings already,
        /// and the renderer never trusts that alone. Newlines survive.
        static func sanitize(_ text: String) -> String { Sanitizer.cleanLines(text) }

        /// Letters and digits replaced with `*`, separators kept (`ABCD-EFGH` → `****-****`).
        static func mask(_ text: String) -> String {
            String(sanitize(text).map { $0.isLetter || $0.isNumber ? "*" : $0 })
        }

        /// Greedy word wrap to `width` columns; a word longer than a line is split.
        static func wrap(_ text: String, width: Int) -> [String] {
            let width = max(width, 1)
            var lines: [String] = []
            var line = ""
            for word in text.split(separator: " ", omittingEmptySubsequences: true) {
                var word = Substring(word)
                while word.count > width {
                    if !line.isEmpty {
                        lines.append(line)
                        line = ""
                    }
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = String(word)
                }
            }
            if !line.isEmpty || lines.isEmpty { lines.append(line) }
            return lines
        }

        /// `line` without trailing spaces; works on UTF-8 bytes because it runs on
        /// every rendered line (QR rows are long).
        static func trimTrailingSpaces(_ line: String) -> String {
            let bytes = line.utf8
            var end = bytes.endIndex
            while end > bytes.startIndex {
                let before = bytes.index(before: end)
                guard bytes[before] == UInt8(ascii: " ") else { break }
                end = before
            }
            return end == bytes.endIndex ? line : String(line[..<end])
        }
    }
}
