#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What is on screen, as plain data. The flow engine makes it; the ncurses renderer and
/// the text renderer draw it, and decide nothing about *what* is shown.
public struct Screen: Sendable, Equatable {
    /// A stable name of the screen (`login`, `enroll.totp`, ...), for tests and recordings.
    public var id: String
    /// The heading of the page, for example "Keep Your Account Safe".
    public var title: String
    public var elements: [Element]
    /// The `id` of the focused element, if any.
    public var focus: String?
    /// Key help for the status line.
    public var status: String
    /// True while the runtime should poll the store (push screens waiting for the phone).
    public var wantsPolling: Bool

    public init(
        id: String, title: String, elements: [Element] = [], focus: String? = nil, status: String = "",
        wantsPolling: Bool = false
    ) {
        self.id = id
        self.title = title
        self.elements = elements
        self.focus = focus
        self.status = status
        self.wantsPolling = wantsPolling
    }
}

/// One block of a screen, top to bottom.
public enum Element: Sendable, Equatable {
    /// A dismissible announcement shown above everything else.
    case banner(Banner)
    /// A sub-heading.
    case heading(String)
    /// Running text; renderers wrap it to the width.
    case paragraph(String)
    /// A message from the last action.
    case message(Message)
    /// A text field; `masked` fields show one bullet per character.
    case field(Field)
    /// A selectable list (methods, countries, trusted devices).
    case list(ListBox)
    case checkbox(Checkbox)
    case button(Button)
    /// A button drawn as a link.
    case link(Button)
    /// A QR code with the text it encodes and the key for manual entry.
    case qr(QRBlock)
    /// Monospaced text that must be copied exactly (recovery code, secret key).
    case code(String)

    /// The id used by `Screen.focus`, for focusable elements.
    public var focusID: String? {
        switch self {
        case .field(let field): return field.id
        case .list(let list): return list.id
        case .checkbox(let box): return box.id
        case .button(let button), .link(let button): return button.id
        case .banner(let banner): return banner.dismissible ? banner.id : nil
        case .heading, .paragraph, .message, .qr, .code: return nil
        }
    }
}

public struct Banner: Sendable, Equatable {
    public var id: String
    public var text: String
    public var dismissible: Bool
    public init(id: String, text: String, dismissible: Bool) {
        self.id = id
        self.text = text
        self.dismissible = dismissible
    }
}

public struct Message: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case info, success, warning, error }
    public var kind: Kind
    public var text: String
    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

public struct Field: Sendable, Equatable {
    public var id: String
    public var label: String
    public var value: String
    /// Cursor position in characters, 0...value.count.
    public var cursor: Int
    public var masked: Bool
    public var editable: Bool
    public var hint: String?
    public init(
        id: String, label: String, value: String = "", cursor: Int? = nil, masked: Bool = false,
        editable: Bool = true, hint: String? = nil
    ) {
        self.id = id
        self.label = label
        self.value = value
        self.cursor = cursor ?? value.count
        self.masked = masked
        self.editable = editable
        self.hint = hint
    }
}

public struct ListBox: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var id: String
        public var label: String
        public var detail: String?
        public init(id: String, label: String, detail: String? = nil) {
            self.id = id
            self.label = label
            self.detail = detail
        }
    }
    public var id: String
    public var label: String
    public var items: [Item]
    /// Index into `items` of the highlighted item.
    public var selected: Int?
    /// Type-ahead filter text (the country picker searches as you type).
    public var filter: String
    /// How many rows the list wants to show at most.
    public var visibleRows: Int
    public init(
        id: String, label: String, items: [Item], selected: Int? = nil, filter: String = "",
        visibleRows: Int = 6
    ) {
        self.id = id
        self.label = label
        self.items = items
        self.selected = selected
        self.filter = filter
        self.visibleRows = visibleRows
    }
}

public struct Checkbox: Sendable, Equatable {
    public var id: String
    public var label: String
    public var checked: Bool
    public init(id: String, label: String, checked: Bool) {
        self.id = id
        self.label = label
        self.checked = checked
    }
}

public struct Button: Sendable, Equatable {
    public var id: String
    public var label: String
    /// A disabled button is drawn but does nothing (the recovery-code gate).
    public var enabled: Bool
    public init(id: String, label: String, enabled: Bool = true) {
        self.id = id
        self.label = label
        self.enabled = enabled
    }
}

public struct QRBlock: Sendable, Equatable {
    /// The exact text the symbol encodes (an otpauth URI).
    public var payload: String
    /// The secret for manual entry, in groups of four, shown when the code cannot fit
    /// or the user asks for it ("Can't scan?").
    public var manualKey: String?
    public var caption: String?
    public init(payload: String, manualKey: String? = nil, caption: String? = nil) {
        self.payload = payload
        self.manualKey = manualKey
        self.caption = caption
    }
}
