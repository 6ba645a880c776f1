/// The editing keys of every text field, portal and phone alike, as in a shell:
/// Left/Right, Home/End (Ctrl-A/Ctrl-E), Backspace, Delete, Ctrl-U (erase to the start),
/// Ctrl-K (erase to the end) and Ctrl-W (erase the word before the cursor).
struct LineEditor: Equatable {
    /// Longer than any valid input (passwords stop at 256): a bound on pasted text.
    static let maximumLength = 1024

    private(set) var characters: [Character]
    private(set) var cursor: Int

    init(_ text: String, cursor: Int) {
        characters = Array(text)
        self.cursor = min(max(cursor, 0), characters.count)
    }

    var text: String { String(characters) }

    /// What a key did to the line.
    enum Outcome: Equatable {
        /// The key is an editing key: the line or its cursor may have changed.
        case edited
        /// An editing key this line refuses (a control character, a read-only field, the
        /// length cap, nothing left to erase): nothing changes, not even the form.
        case refused
        /// Not an editing key: the form decides (Enter, Tab, arrows up and down...).
        case notEditing
    }

    /// Applies `key`. A field that is not `editable` still moves its cursor.
    mutating func apply(_ key: Key, editable: Bool) -> Outcome {
        switch key {
        case .character(let character):
            guard editable, Sanitizer.isTypeable(character), characters.count < Self.maximumLength else {
                return .refused
            }
            insert(character)
        case .space:
            guard editable, characters.count < Self.maximumLength else { return .refused }
            insert(" ")
        case .backspace:
            guard editable, cursor > 0 else { return .refused }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard editable, cursor < characters.count else { return .refused }
            characters.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .control("u"):
            guard editable else { return .refused }
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .control("k"):
            guard editable else { return .refused }
            characters.removeSubrange(cursor...)
        case .control("w"):
            guard editable else { return .refused }
            var start = cursor
            while start > 0, characters[start - 1].isWhitespace { start -= 1 }
            while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default: return .notEditing
        }
        return .edited
    }

    private mutating func insert(_ character: Character) {
        characters.insert(character, at: cursor)
        cursor += 1
    }
}
