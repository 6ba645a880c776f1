import KeepsafeFlow

/// The numbered controls of a screen in `--plain` mode.
enum PlainMenu {
    struct Control {
        enum Kind {
            case field(masked: Bool)
            case checkbox
            case action
            case list([ListBox.Item])
        }
        var id: String
        var label: String
        var kind: Kind
        /// How the control reads in the menu.
        var line: String
    }

    /// Every control a person can act on, top to bottom.
    static func controls(of screen: Screen) -> [Control] {
        let words = Strings.bundled
        var controls: [Control] = []
        for element in screen.elements {
            switch element {
            case .field(let field) where field.editable:
                let value =
                    field.masked
                    ? (field.value.isEmpty
                        ? words["plain.field.hiddenEmpty"]
                        : words.format("plain.field.hidden", ["count": "\(field.value.count)"]))
                    : field.value
                controls.append(
                    Control(
                        id: field.id, label: field.label, kind: .field(masked: field.masked),
                        line: "\(field.label): \(value.isEmpty ? words["plain.field.empty"] : value)"))
            case .checkbox(let box):
                controls.append(
                    Control(
                        id: box.id, label: box.label, kind: .checkbox,
                        line: words.format(
                            "plain.checkbox", ["box": box.checked ? "[x]" : "[ ]", "label": box.label])))
            case .button(let button) where button.enabled:
                controls.append(
                    Control(
                        id: button.id, label: button.label, kind: .action,
                        line: words.format("plain.button", ["label": button.label])))
            case .link(let link) where link.enabled:
                controls.append(
                    Control(
                        id: link.id, label: link.label, kind: .action,
                        line: words.format("plain.link", ["label": link.label])))
            case .banner(let banner) where banner.dismissible:
                controls.append(
                    Control(
                        id: banner.id, label: words["plain.dismiss"], kind: .action,
                        line: words["plain.dismissLine"]))
            case .list(let list):
                let selected = list.selected.flatMap {
                    list.items.indices.contains($0) ? list.items[$0].label : nil
                }
                let values = [
                    "label": list.label, "count": "\(list.items.count)", "selected": selected ?? "",
                ]
                controls.append(
                    Control(
                        id: list.id, label: list.label, kind: .list(list.items),
                        line: words.format(selected == nil ? "plain.list" : "plain.listSelected", values)))
            default:
                break
            }
        }
        return controls
    }

    static func menu(_ controls: [Control], ascii: Bool) -> String {
        var text = ""
        for (index, control) in controls.enumerated() {
            text += "  \(index + 1). \(Sanitizer.clean(control.line, ascii: ascii))\n"
        }
        return text
    }
}
