import KeepsafeFlow

/// A hand-made ScreenDriver: a screen value, the keys it received, a tiny editing model
/// (characters go into the focused field, Tab moves focus) and a scripted poll.
final class FakeDriver: ScreenDriver {
    var screen: Screen
    private(set) var keys: [Key] = []
    private(set) var polls = 0
    var isFinished = false
    var requests: [TerminalRequest] = []
    /// Runs on each poll (a test's stand-in for the phone answering).
    var onPoll: ((FakeDriver) -> Void)?

    init(_ screen: Screen) { self.screen = screen }

    func send(_ key: Key) {
        keys.append(key)
        let focusable = screen.elements.compactMap(\.focusID)
        let index = screen.focus.flatMap { focusable.firstIndex(of: $0) }
        switch key {
        case .tab where !focusable.isEmpty:
            screen.focus = focusable[((index ?? -1) + 1) % focusable.count]
        case .backTab where !focusable.isEmpty:
            screen.focus = focusable[((index ?? 0) + focusable.count - 1) % focusable.count]
        case .character(let character):
            editFocusedField { $0.value.append(character) }
        case .space:
            editFocusedField { $0.value.append(" ") }
            toggleFocusedCheckbox()
        case .backspace:
            editFocusedField { if !$0.value.isEmpty { $0.value.removeLast() } }
        default:
            break
        }
    }

    func poll() {
        polls += 1
        onPoll?(self)
    }

    func takeTerminalRequests() -> [TerminalRequest] {
        defer { requests = [] }
        return requests
    }

    /// The value of field `id`.
    func value(of id: String) -> String? {
        for element in screen.elements {
            if case .field(let field) = element, field.id == id { return field.value }
        }
        return nil
    }

    private func editFocusedField(_ edit: (inout Field) -> Void) {
        for (index, element) in screen.elements.enumerated() {
            if case .field(var field) = element, field.id == screen.focus {
                edit(&field)
                field.cursor = field.value.count
                screen.elements[index] = .field(field)
            }
        }
    }

    private func toggleFocusedCheckbox() {
        for (index, element) in screen.elements.enumerated() {
            if case .checkbox(var box) = element, box.id == screen.focus {
                box.checked.toggle()
                screen.elements[index] = .checkbox(box)
            }
        }
    }
}

/// Screens like the portal's, made by hand.
enum Screens {
    static func login(focus: String = "email", email: String = "", password: String = "") -> Screen {
        Screen(
            id: "login", title: "Log in",
            elements: [
                .paragraph("Enter the email address and password of your account."),
                .field(Field(id: "email", label: "Email", value: email)),
                .field(Field(id: "password", label: "Password", value: password, masked: true)),
                .button(Button(id: "login", label: "Log in")),
                .link(Button(id: "signup", label: "Sign up")),
                .link(Button(id: "help", label: "Help")),
            ], focus: focus, status: "Tab next  Enter log in  F1 help  Ctrl-C quit")
    }

    static let totpURI =
        "otpauth://totp/Northwind:alice.anderson@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Northwind"

    static func totp(focus: String = "code", uri: String = totpURI) -> Screen {
        Screen(
            id: "enroll.totp", title: "Keep Your Account Safe",
            elements: [
                .paragraph(
                    "Scan this QR code with Google Authenticator or similar, then enter the code it shows."),
                .qr(
                    QRBlock(
                        payload: uri, manualKey: "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP",
                        caption: "Authenticator app")),
                .link(Button(id: "cantscan", label: "Can't scan?")),
                .field(Field(id: "code", label: "Code")),
                .button(Button(id: "continue", label: "Continue")),
                .link(Button(id: "another", label: "Try another method")),
            ], focus: focus, status: "Tab next  Enter continue  Esc back")
    }

    static func recovery(checked: Bool = false, focus: String = "recorded") -> Screen {
        Screen(
            id: "recovery.show", title: "Your recovery code",
            elements: [
                .paragraph("Keep this code somewhere safe."),
                .code("ABCD EFGH JKLM NPQR STUV WXYZ"),
                .checkbox(
                    Checkbox(id: "recorded", label: "I have safely recorded this code", checked: checked)),
                .button(Button(id: "copy", label: "Copy")),
                .button(Button(id: "continue", label: "Continue", enabled: checked)),
            ], focus: focus)
    }
}
