import KeepsafeBase

/// The key help on the last row: whole hints only. When the row is too narrow, the hints
/// that matter least go first (quitting and help stay longest); a hint is never cut in
/// the middle of a word.
enum StatusLine {
    /// The hints of `status`, separated by ` · ` or by runs of two or more spaces.
    static func hints(_ status: String) -> [String] {
        // Every frame asks, and the status rarely changes: the last answer is kept.
        if let last = lastHints.withLock({ $0 }), last.status == status { return last.hints }
        let hints = split(status)
        lastHints.withLock { $0 = (status, hints) }
        return hints
    }

    private static let lastHints = LockedValue<(status: String, hints: [String])?>(nil)

    private static func split(_ status: String) -> [String] {
        var hints: [String] = []
        for part in status.components(separatedBy: " · ") {
            var current = ""
            var spaces = 0
            for character in part {
                if character == " " {
                    spaces += 1
                    continue
                }
                if spaces >= 2, !current.isEmpty {
                    hints.append(current)
                    current = ""
                } else if spaces == 1, !current.isEmpty {
                    current.append(" ")
                }
                spaces = 0
                current.append(character)
            }
            if !current.isEmpty { hints.append(current) }
        }
        return hints
    }

    /// How much a hint matters: the higher, the longer it stays when space runs out.
    static func priority(_ hint: String) -> Int {
        let lowered = hint.lowercased()
        if lowered.contains("quit") { return 100 }
        if lowered.contains("help") { return 90 }
        if lowered.contains("needs") { return 87 }
        if lowered.hasPrefix("f6") { return 85 }
        if lowered.contains("pgup") || lowered.contains("pgdn") { return 80 }
        if lowered.hasPrefix("enter") { return 70 }
        if lowered.hasPrefix("tab") { return 60 }
        if lowered.hasPrefix("esc") { return 50 }
        return 30
    }

    /// The hints that fit in `width` columns, in their order, joined by `separator`.
    static func fit(_ hints: [String], width: Int, separator: String) -> String {
        let separatorWidth = Columns.width(separator)
        // Drop the least important (the later one among equals) until the rest fits.
        var kept = Array(hints.indices)
        func total(_ indexes: [Int]) -> Int {
            indexes.reduce(0) { $0 + Columns.width(hints[$1]) } + max(0, indexes.count - 1) * separatorWidth
        }
        while kept.count > 1 && total(kept) > width {
            let drop = kept.enumerated().min { lhs, rhs in
                let (left, right) = (priority(hints[lhs.element]), priority(hints[rhs.element]))
                return left != right ? left < right : lhs.offset > rhs.offset
            }!
            kept.remove(at: drop.offset)
        }
        let text = kept.map { hints[$0] }.joined(separator: separator)
        guard Columns.width(text) > width else { return text }
        // One hint alone wider than the row: whole words, then an ellipsis.
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if Columns.width(candidate) + 1 > width { break }
            line = candidate
        }
        return line.isEmpty ? "" : line + "…"
    }
}
