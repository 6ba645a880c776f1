import KeepsafeFlow

/// A run of rows laid out for one or more screen elements, before placement.
struct Block {
    /// How the block separates from its neighbours (blank line between different kinds).
    enum Kind: Equatable {
        case text, form, actions, qr, code, banner
    }

    var kind: Kind
    var rows: [[Cell]] = []
    /// Focus ids drawn in this block.
    var focusIDs: Set<String> = []
    /// The caret of the focused field: row within the block and column.
    var cursor: (row: Int, column: Int)?
    /// The rows of each focusable element drawn in this block (first...last row).
    var focusRows: [String: ClosedRange<Int>] = [:]
    /// A focus marker drawn in the column left of a row (row → glyph).
    var gutter: [Int: Character] = [:]

    init(kind: Block.Kind) { self.kind = kind }

    /// Starts a new row.
    mutating func newRow() { rows.append([]) }

    /// Appends `text` (made safe) to the last row in `role`.
    mutating func append(_ text: String, role: Role, ascii: Bool) {
        if rows.isEmpty { newRow() }
        for glyph in Sanitizer.clean(text, ascii: ascii) {
            rows[rows.count - 1].append(Cell(glyph, role: role))
            if Columns.width(of: glyph) == 2 {
                rows[rows.count - 1].append(Cell(" ", role: role, continuation: true))
            }
        }
    }

    /// Columns used by the last row.
    var lastRowWidth: Int { rows.last?.count ?? 0 }

    /// The widest row.
    var width: Int { rows.map(\.count).max() ?? 0 }
}
