/// The editable part of a page: field values and cursors, list selections and filters,
/// checkboxes and the focus. It lives in the flow state so that every front end (the
/// ncurses UI, walkthroughs, tests) shares one behaviour; the phone keeps one too.
public struct FormState: Sendable, Equatable {
    public var values: [String: String] = [:]
    public var cursors: [String: Int] = [:]
    public var checks: [String: Bool] = [:]
    /// Index into the list's *filtered* items.
    public var selections: [String: Int] = [:]
    public var filters: [String: String] = [:]
    /// The focused element's id; nil means the page's first focusable element.
    public var focus: String?

    public init() {}

    public func value(_ id: String) -> String { values[id] ?? "" }

    public func isChecked(_ id: String) -> Bool { checks[id] ?? false }

    /// Sets a field's value with the cursor at its end.
    public mutating func set(_ id: String, _ value: String) {
        values[id] = value
        cursors[id] = value.count
    }

    /// Clears a field.
    public mutating func clear(_ id: String) {
        values[id] = nil
        cursors[id] = nil
    }

    // The typed face the features use.

    func value<C: ControlName>(_ control: C) -> String { value(control.rawValue) }

    func isChecked<C: ControlName>(_ control: C) -> Bool { isChecked(control.rawValue) }

    mutating func set<C: ControlName>(_ control: C, _ value: String) { set(control.rawValue, value) }

    mutating func focus<C: ControlName>(_ control: C) { focus = control.rawValue }
}
