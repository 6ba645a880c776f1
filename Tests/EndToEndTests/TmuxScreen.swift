import Foundation

/// A `capture-pane -p -e` capture parsed into rows of cells with their SGR background,
/// so a test can see which control has the focus (drawn on the accent background, the
/// colour of the title bar) without knowing the theme's numbers.
struct TmuxScreen {
    struct Cell {
        var character: Character
        var background: String
        var reverse: Bool
    }

    let rows: [[Cell]]

    init(capture: String) {
        rows = capture.split(separator: "\n", omittingEmptySubsequences: false).map(Self.parse)
    }

    /// Text runs drawn in the title bar's style (row 0) below the title bar and above the
    /// status line: the focused control.
    func focusedRuns() -> [String] {
        guard let title = rows.first?.first(where: { !$0.background.isEmpty || $0.reverse }) else {
            return []
        }
        var runs: [String] = []
        for row in rows.dropFirst().dropLast(2) {
            var run = ""
            for cell in row {
                if cell.background == title.background && cell.reverse == title.reverse {
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

    /// Parses one line: SGR sequences update the current background and reverse flag.
    private static func parse(_ line: Substring) -> [Cell] {
        var cells: [Cell] = []
        var background = ""
        var reverse = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "\u{1B}", line[line.index(after: index)...].first == "[" {
                var end = line.index(index, offsetBy: 2)
                while end < line.endIndex, !(line[end].isLetter) { end = line.index(after: end) }
                guard end < line.endIndex else { break }
                if line[end] == "m" {
                    let codes = line[line.index(index, offsetBy: 2)..<end].split(
                        separator: ";", omittingEmptySubsequences: false)
                    apply(codes.map(String.init), background: &background, reverse: &reverse)
                }
                index = line.index(after: end)
                continue
            }
            cells.append(Cell(character: character, background: background, reverse: reverse))
            index = line.index(after: index)
        }
        return cells
    }

    private static func apply(_ codes: [String], background: inout String, reverse: inout Bool) {
        var index = 0
        while index < codes.count {
            let code = codes[index]
            switch code {
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
                if let value = Int(code), (40...47).contains(value) || (100...107).contains(value) {
                    background = code
                }
            }
            index += 1
        }
    }
}
