/// The one form engine of the portal and the phone: what a key does to the focused
/// control (field editing, list selection and type-ahead, checkboxes), and what it asks
/// of the screen's feature (press a button, submit a field, move the focus).
enum FormEngine {
    /// What the key asks of the screen once the form has taken its part.
    enum Request: Equatable {
        /// Nothing more (an edit, a selection, a toggle, or a key that means nothing here).
        case none
        /// Tab, Shift-Tab, or Up/Down past the end of a list.
        case moveFocus(Int)
        /// Enter in a field.
        case submit(field: String)
        /// Enter or Space on a button or link.
        case press(Button)
        /// Enter or Space on a banner.
        case activate(String)
        /// Enter on a list item.
        case activateItem(list: String, item: String)
    }

    /// Applies `key` to the focused `element` of a screen whose form is `form`.
    static func handle(_ key: Key, on element: Element?, form: inout FormState) -> Request {
        switch element {
        case .field(let field)?:
            if key == .enter { return .submit(field: field.id) }
            var line = LineEditor(field.value, cursor: field.cursor)
            switch line.apply(key, editable: field.editable) {
            case .notEditing: return navigation(key)
            case .refused: return .none
            case .edited: break
            }
            form.values[field.id] = line.text
            form.cursors[field.id] = line.cursor
            return .none
        case .list(let box)?:
            return list(box, key, &form)
        case .checkbox(let box)?:
            guard key == .space || key == .enter else { return navigation(key) }
            form.checks[box.id] = !box.checked
            return .none
        case .button(let button)?, .link(let button)?:
            return key == .space || key == .enter ? .press(button) : navigation(key)
        case .banner(let banner)?:
            return key == .space || key == .enter ? .activate(banner.id) : navigation(key)
        default:
            return navigation(key)
        }
    }

    /// Tab and Down forward, Shift-Tab and Up backward.
    static func navigation(_ key: Key) -> Request {
        switch key {
        case .tab, .down: return .moveFocus(1)
        case .backTab, .up: return .moveFocus(-1)
        default: return .none
        }
    }

    /// The focus `step` controls away from `focus` among `ids`, wrapping around.
    static func focus(after focus: String?, by step: Int, in ids: [String]) -> String? {
        guard !ids.isEmpty else { return nil }
        let index = focus.flatMap { ids.firstIndex(of: $0) } ?? 0
        return ids[((index + step) % ids.count + ids.count) % ids.count]
    }

    private static func list(_ box: ListBox, _ key: Key, _ form: inout FormState) -> Request {
        let selected = box.selected ?? 0
        switch key {
        case .up:
            guard selected > 0 else { return .moveFocus(-1) }
            form.selections[box.id] = selected - 1
        case .down:
            guard selected + 1 < box.items.count else { return .moveFocus(1) }
            form.selections[box.id] = selected + 1
        case .pageUp: form.selections[box.id] = max(0, selected - box.visibleRows)
        case .pageDown: form.selections[box.id] = max(0, min(box.items.count - 1, selected + box.visibleRows))
        case .home: form.selections[box.id] = 0
        case .end: form.selections[box.id] = max(0, box.items.count - 1)
        case .character(let character): typeAhead(box, character, &form)
        case .space:
            // A space belongs to names ("united kingdom"): it filters, it does not pick.
            typeAhead(box, " ", &form)
        case .backspace:
            guard !(form.filters[box.id] ?? "").isEmpty else { return .none }
            form.filters[box.id]?.removeLast()
            form.selections[box.id] = 0
        case .enter:
            guard box.items.indices.contains(selected) else { return .none }
            return .activateItem(list: box.id, item: box.items[selected].id)
        default: return navigation(key)
        }
        return .none
    }

    private static func typeAhead(_ box: ListBox, _ character: Character, _ form: inout FormState) {
        guard Sanitizer.isTypeable(character), !(character == " " && box.filter.isEmpty) else { return }
        form.filters[box.id, default: ""].append(character)
        form.selections[box.id] = 0
    }
}
