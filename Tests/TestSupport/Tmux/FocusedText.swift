import Foundation

/// The focused control in a `capture-pane -p -e` capture, found by colour: the portal
/// draws the focus in the title bar's style (its background or reverse video), so a test
/// sees it without knowing the theme's numbers.
public enum FocusedText {
    /// The text runs drawn in the style of row 0's first styled cell, below the title bar
    /// and above the last two rows (status and hint lines), trimmed.
    public static func runs(in capture: String) -> [String] {
        let rows = capture.components(separatedBy: "\n").map(cells)
        guard let title = rows.first?.first(where: { !$0.style.isEmpty })?.style else { return [] }
        var runs: [String] = []
        for row in rows.dropFirst().dropLast(2) {
            var run = ""
            for cell in row {
                if cell.style == title {
                    run.append(cell.character)
                } else if !run.isEmpty {
                    runs.append(run)
                    run = ""
                }
            }
            if !run.isEmpty { runs.append(run) }
        }
        return runs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Whether a focused run contains `text`.
    public static func contains(_ text: String, in capture: String) -> Bool {
        runs(in: capture).contains { $0.contains(text) }
    }

    /// Each character of `line` with its style: the background code, then `R` when reversed.
    private static func cells(_ line: String) -> [(character: Character, style: String)] {
        var result: [(character: Character, style: String)] = []
        var background = ""
        var reverse = false
        var rest = Substring(line)
        while let character = rest.first {
            if character == "\u{1B}", rest.dropFirst().first == "[" {
                let body = rest.dropFirst(2)
                guard let end = body.firstIndex(where: { $0.isLetter }) else { break }
                if body[end] == "m" {
                    apply(
                        body[..<end].split(separator: ";", omittingEmptySubsequences: false).map(String.init),
                        &background, &reverse)
                }
                rest = body[body.index(after: end)...]
                continue
            }
            result.append((character, background + (reverse ? "R" : "")))
            rest = rest.dropFirst()
        }
        return result
    }

    /// Applies one SGR sequence's codes to the current background and reverse flag.
    private static func apply(_ codes: [String], _ background: inout String, _ reverse: inout Bool) {
        var index = 0
        while index < codes.count {
            switch codes[index] {
            case "", "0":
                background = ""
                reverse = false
            case "7": reverse = true
            case "27": reverse = false
            case "49": background = ""
            case "48":
                // 48;5;N or 48;2;R;G;B
                let count = codes.count > index + 1 && codes[index + 1] == "2" ? 4 : 2
                background = codes[index..<min(codes.count, index + 1 + count)].joined(separator: ";")
                index += count
            default:
                if let value = Int(codes[index]), (40...47).contains(value) || (100...107).contains(value) {
                    background = codes[index]
                }
            }
            index += 1
        }
    }
}
