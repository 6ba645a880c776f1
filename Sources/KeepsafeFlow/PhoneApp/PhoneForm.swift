/// The editable part of a phone screen: field values and cursors, list selections and
/// the focus. Same editing rules as the portal's forms (contracts.md), so a person
/// moves between the two panes without surprises.
struct PhoneForm: Equatable {
    var values: [String: String] = [:]
    var cursors: [String: Int] = [:]
    var selections: [String: Int] = [:]
    /// Type-ahead filters of lists.
    var filters: [String: String] = [:]
    /// The focused element's id; nil (or an id no longer on screen) means the first
    /// focusable element.
    var focus: String?

    func value(_ id: String) -> String { values[id] ?? "" }

    /// Applies an editing key to `field`; false when the key is not an editing key.
    mutating func edit(_ field: Field, _ key: Key) -> Bool {
        var value = Array(field.value)
        var cursor = min(max(field.cursor, 0), value.count)
        switch key {
        case .character(let character):
            guard Sanitizer.isTypeable(character) else { return true }
            value.insert(character, at: cursor)
            cursor += 1
        case .space:
            value.insert(" ", at: cursor)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            value.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard cursor < value.count else { return true }
            value.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(value.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = value.count
        default: return false
        }
        values[field.id] = String(value)
        cursors[field.id] = cursor
        return true
    }

    /// Clears a field.
    mutating func clear(_ id: String) {
        values[id] = nil
        cursors[id] = nil
    }
}
