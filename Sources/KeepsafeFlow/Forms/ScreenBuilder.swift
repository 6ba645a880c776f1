import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Assembles one screen from the flow state: labels come from the strings file, values
/// and focus from the form, control ids from the feature's control enum.
struct ScreenBuilder {
    let state: FlowState
    let context: FlowContext
    private(set) var elements: [Element] = []

    init(_ state: FlowState, _ context: FlowContext) {
        self.state = state
        self.context = context
    }

    var strings: Strings { context.strings }
    var form: FormState { state.form }
    var account: AccountSummary? { state.account }
    var now: Date { context.now }

    mutating func heading(_ key: String, _ values: [String: String] = [:]) {
        elements.append(.heading(strings.format(key, values)))
    }

    mutating func paragraph(_ key: String, _ values: [String: String] = [:]) {
        elements.append(.paragraph(strings.format(key, values)))
    }

    /// The password rules, under every field that takes a new password.
    mutating func passwordRules() {
        paragraph("password.rules", ["recommended": String(context.policy.password.recommendedLength)])
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

    mutating func field<C: ControlName>(
        _ control: C, _ labelKey: String, masked: Bool = false, editable: Bool = true, value: String? = nil,
        hint: String? = nil
    ) {
        let id = control.rawValue
        let text = value ?? form.value(id)
        let cursor = min(form.cursors[id] ?? text.count, text.count)
        elements.append(
            .field(
                Field(
                    id: id, label: strings[labelKey], value: text, cursor: cursor, masked: masked,
                    editable: editable, hint: hint.map { strings[$0] })))
    }

    mutating func button<C: ControlName>(_ control: C, _ labelKey: String, enabled: Bool = true) {
        elements.append(.button(Button(id: control.rawValue, label: strings[labelKey], enabled: enabled)))
    }

    mutating func link<C: ControlName>(_ control: C, _ labelKey: String) {
        elements.append(.link(Button(id: control.rawValue, label: strings[labelKey])))
    }

    /// The "Help" link, the same on every page.
    mutating func helpLink() { link(SharedControl.help, "link.help") }

    mutating func checkbox<C: ControlName>(_ control: C, _ labelKey: String) {
        let id = control.rawValue
        elements.append(.checkbox(Checkbox(id: id, label: strings[labelKey], checked: form.isChecked(id))))
    }

    /// A list whose items are filtered by the typed filter (label or detail containing it,
    /// unless the caller already filtered them); the selection stays in range.
    mutating func list<C: ControlName>(
        _ control: C, _ labelKey: String, items: [ListBox.Item], visibleRows: Int = 6,
        prefiltered: Bool = false
    ) {
        let id = control.rawValue
        let filter = form.filters[id] ?? ""
        let shown =
            prefiltered || filter.isEmpty
            ? items
            : items.filter {
                $0.label.foldedForSearch.contains(filter.foldedForSearch)
                    || ($0.detail?.foldedForSearch.contains(filter.foldedForSearch) ?? false)
            }
        let selected = shown.isEmpty ? nil : min(max(form.selections[id] ?? 0, 0), shown.count - 1)
        elements.append(
            .list(
                ListBox(
                    id: id, label: strings[labelKey], items: shown, selected: selected, filter: filter,
                    visibleRows: visibleRows)))
    }

    mutating func append(_ element: Element) { elements.append(element) }

    /// The finished screen. Focus: the form's, when it is on screen; else `defaultFocus`;
    /// else the first focusable element.
    func build<C: ControlName>(
        titleKey: String, defaultFocus: C?, polling: Bool = false
    ) -> Screen {
        build(titleKey: titleKey, defaultFocusID: defaultFocus?.rawValue, polling: polling)
    }

    func build(titleKey: String, polling: Bool = false) -> Screen {
        build(titleKey: titleKey, defaultFocusID: nil, polling: polling)
    }

    private func build(titleKey: String, defaultFocusID: String?, polling: Bool) -> Screen {
        let ids = elements.compactMap(\.focusID)
        let focus = [form.focus, defaultFocusID].compactMap { $0 }.first(where: ids.contains) ?? ids.first
        let status = strings["status.default"]
        return Screen(
            id: state.page.rawValue, title: strings.format(titleKey, ["portal": context.brand.portalName]),
            elements: elements, focus: focus, status: status, wantsPolling: polling)
    }
}
