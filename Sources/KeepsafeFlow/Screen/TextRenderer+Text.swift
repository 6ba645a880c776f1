/// Text helpers of the text renderer: wrapping, masking and a last line of defence
/// against control characters.
extension TextRenderer {
    enum Wording {
        /// Removes C0/C1 controls, DEL and bidirectional overrides (the flow sanitises
        /// user strings already; the renderer never trusts that alone). Newlines survive.
        static func sanitize(_ text: String) -> String {
            var out = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if scalar == "\n" {
                    out.append(scalar)
                } else if value < 0x20 || (0x7F...0x9F).contains(value) {
                    out.append("\u{FFFD}")
                } else if (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
                    || value == 0x200E || value == 0x200F || value == 0x061C
                {
                    continue
                } else {
                    out.append(scalar)
                }
            }
            return String(out)
        }

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
