/// The one gate between outside text and a terminal.
///
/// Names, emails, companies, device names, file paths, command-line values and anything
/// read from the store come from people or other processes: a control character could
/// move the cursor, change colours, set the window title or write the clipboard (OSC
/// 52), and a bidirectional override could make text read differently from what it is.
/// Every such scalar becomes U+FFFD (or `?` in ASCII mode), so the tampering stays
/// visible. The screens, the curses and plain renderers, the recordings and every
/// command-line message go through this type; there is no other sanitizer.
public enum Sanitizer {
    /// The replacement shown in place of a refused scalar.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// True for scalars that must never reach a terminal: C0 controls (tab and newline
    /// included: a screen's text has no layout of its own), DEL, C1 controls, the bidi
    /// embedding, override, isolate and mark controls, and the line and paragraph
    /// separators.
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x200E, 0x200F, 0x061C: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        case 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `text` with every refused scalar replaced by U+FFFD.
    /// - Complexity: O(n) in the number of scalars.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isRefused) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isRefused(scalar) ? replacement : scalar)
        }
        return String(scalars)
    }

    /// `text` cleaned for a terminal; with `ascii`, a refused scalar becomes `?` and every
    /// other non-ASCII glyph a readable ASCII stand-in (or `?`), for terminals without
    /// Unicode.
    /// - Complexity: O(n) in the length of `text`.
    public static func clean(_ text: String, ascii: Bool) -> String {
        guard ascii else { return clean(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character.unicodeScalars.contains(where: isRefused) {
                out.append("?")
            } else if !character.isASCII {
                out += asciiFallback[character] ?? "?"
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// One line for stderr: newlines become spaces, then the text is cleaned.
    public static func line(_ text: String) -> String {
        clean(text.replacing("\r\n", with: " ").replacing("\n", with: " "))
    }

    /// Multi-line text for a terminal: each line cleaned, the newlines kept.
    public static func cleanLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { clean(String($0)) }
            .joined(separator: "\n")
    }

    /// JSON text (already valid JSON) with every refused scalar outside ASCII written as
    /// a `\uXXXX` escape, which JSON readers decode back to the same text, so a terminal
    /// showing the document never receives a C1 or bidi control. (ASCII controls are
    /// escaped by every JSON encoder already.)
    public static func escapeJSON(_ json: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if isRefused(scalar) && scalar.value >= 0x20 {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append(
                    contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex)
                        .unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// True when a typed character may be inserted into a field.
    public static func isTypeable(_ character: Character) -> Bool {
        !character.unicodeScalars.contains(where: isRefused)
    }

    /// Readable ASCII stand-ins for the punctuation our texts use.
    static let asciiFallback: [Character: String] = [
        "↑": "^", "↓": "v", "←": "<", "→": ">", "·": "-", "•": "*", "…": "...", "–": "-", "—": "-",
        "×": "x", "“": "\"", "”": "\"", "‘": "'", "’": "'", "✓": "+", "✗": "x", "✕": "x", "─": "-",
        "\u{00A0}": " ",
    ]
}
