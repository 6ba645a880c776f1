import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Assembles one screen from the flow state: labels come from the strings file, values
/// and focus from the form.
struct ScreenBuilder {
    let state: FlowState
    let context: FlowContext
    private(set) var elements: [Element] = []

    init(_ state: FlowState, _ context: FlowContext) {
        self.state = state
        self.context = context
    }

    var strings: Strings { context.strings }

    mutating func heading(_ key: String, _ values: [String: String] = [:]) {
        elements.append(.heading(strings.format(key, values)))
    }

    mutating func paragraph(_ key: String, _ values: [String: String] = [:]) {
        elements.append(.paragraph(strings.format(key, values)))
    }

    /// Text already made (and sanitised where it holds user data).
    mutating func paragraphText(_ text: String) { elements.append(.paragraph(text)) }

    mutating func code(_ text: String) { elements.append(.code(text)) }

    mutating func message(_ kind: Message.Kind, _ text: String) {
        elements.append(.message(Message(kind, text)))
    }

    /// The messages of the last action.
    mutating func messages() {
        elements.append(contentsOf: state.messages.map { .message($0) })
    }

    mutating func field(
        _ id: String, _ labelKey: String, masked: Bool = false, editable: Bool = true, value: String? = nil,
        hint: String? = nil
    ) {
        let text = value ?? state.form.value(id)
        let cursor = min(state.form.cursors[id] ?? text.count, text.count)
        elements.append(
            .field(
                Field(
                    id: id, label: strings[labelKey], value: text, cursor: cursor, masked: masked,
                    editable: editable, hint: hint.map { strings[$0] })))
    }

    mutating func button(_ id: String, _ labelKey: String, enabled: Bool = true) {
        elements.append(.button(Button(id: id, label: strings[labelKey], enabled: enabled)))
    }

    mutating func link(_ id: String, _ labelKey: String) {
        elements.append(.link(Button(id: id, label: strings[labelKey])))
    }

    mutating func checkbox(_ id: String, _ labelKey: String) {
        elements.append(
            .checkbox(Checkbox(id: id, label: strings[labelKey], checked: state.form.isChecked(id))))
    }

    /// A list whose items are filtered by the typed filter (label or detail containing it,
    /// unless the caller already filtered them); the selection stays in range.
    mutating func list(
        _ id: String, _ labelKey: String, items: [ListBox.Item], visibleRows: Int = 6,
        prefiltered: Bool = false
    ) {
        let filter = state.form.filters[id] ?? ""
        let shown =
            prefiltered || filter.isEmpty
            ? items
            : items.filter {
                $0.label.foldedForSearch.contains(filter.foldedForSearch)
                    || ($0.detail?.foldedForSearch.contains(filter.foldedForSearch) ?? false)
            }
        let selected = shown.isEmpty ? nil : min(max(state.form.selections[id] ?? 0, 0), shown.count - 1)
        elements.append(
            .list(
                ListBox(
                    id: id, label: strings[labelKey], items: shown, selected: selected, filter: filter,
                    visibleRows: visibleRows)))
    }

    mutating func append(_ element: Element) { elements.append(element) }

    /// The finished screen. Focus: the form's, when it is on screen; else `defaultFocus`;
    /// else the first focusable element.
    func build(titleKey: String, defaultFocus: String? = nil, polling: Bool = false, statusKey: String? = nil)
        -> Screen
    {
        let ids = elements.compactMap(\.focusID)
        let focus =
            [state.form.focus, defaultFocus].compactMap { $0 }.first(where: ids.contains) ?? ids.first
        let status = strings[statusKey ?? "status.default"]
        return Screen(
            id: state.page.rawValue, title: strings.format(titleKey, ["portal": context.brand.portalName]),
            elements: elements, focus: focus, status: status, wantsPolling: polling)
    }
}
