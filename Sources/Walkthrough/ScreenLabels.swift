import KeepsafeFlow

/// The labels a walkthrough can name on a screen: fields, list items, checkboxes,
/// buttons, links and dismissible banners.
enum ScreenLabels {
    static func all(on screen: Screen) -> [String] {
        screen.elements.flatMap { element -> [String] in
            switch element {
            case .field(let field): return [field.label]
            case .list(let list): return [list.label] + list.items.map(\.label)
            case .checkbox(let box): return [box.label]
            case .button(let button), .link(let button): return [button.label]
            case .banner(let banner): return banner.dismissible ? [banner.text] : []
            case .heading, .paragraph, .message, .qr, .code: return []
            }
        }
    }
}
