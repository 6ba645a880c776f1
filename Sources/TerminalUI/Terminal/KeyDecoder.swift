import KeepsafeFlow

/// One unit of input as curses delivers it from `get_wch`.
public enum RawInput: Sendable, Equatable {
    /// A character (`get_wch` returned OK): its Unicode scalar value.
    case character(UInt32)
    /// A function key (`get_wch` returned KEY_CODE_YES): its curses key code.
    case keyCode(Int32)
}

/// What the terminal layer does with one input.
public enum InputEvent: Sendable, Equatable {
    /// A key for the flow.
    case key(Key)
    /// Ctrl-C: quit from anywhere, restoring the terminal.
    case interrupt
    /// The terminal changed size: lay out again.
    case resize
    /// F2: swap the QR's dark and light (also `i` on QR screens outside fields).
    case invertQR
    /// F3: switch the QR between half blocks and two columns (also `f`).
    case switchQRStyle
    /// PageUp / PageDown: scroll a screen taller than the terminal.
    case scrollUp, scrollDown
    /// Ctrl-L: redraw everything.
    case redraw
}

/// Maps curses input to events. Pure: the key codes are ncurses' fixed ABI values.
public enum KeyDecoder {
    // ncurses key codes (curses.h), fixed since SVr4.
    static let keyDown: Int32 = 0o402
    static let keyUp: Int32 = 0o403
    static let keyLeft: Int32 = 0o404
    static let keyRight: Int32 = 0o405
    static let keyHome: Int32 = 0o406
    static let keyBackspace: Int32 = 0o407
    static let keyF0: Int32 = 0o410
    static let keyDelete: Int32 = 0o512
    static let keyNextPage: Int32 = 0o522
    static let keyPreviousPage: Int32 = 0o523
    static let keyEnter: Int32 = 0o527
    static let keyBackTab: Int32 = 0o541
    static let keyEnd: Int32 = 0o550
    static let keyResize: Int32 = 0o632

    /// The event for `input`, or nil for input that means nothing here (other control
    /// characters, unknown function keys).
    public static func decode(_ input: RawInput) -> InputEvent? {
        switch input {
        case .character(let value):
            switch value {
            case 0x03: return .interrupt
            case 0x09: return .key(.tab)
            case 0x0A, 0x0D: return .key(.enter)
            case 0x0C: return .redraw
            case 0x1B: return .key(.escape)
            case 0x08, 0x7F: return .key(.backspace)
            case 0x20: return .key(.space)
            // The shell's line-editing keys: Ctrl-A, Ctrl-E, Ctrl-K, Ctrl-U, Ctrl-W.
            case 0x01, 0x05, 0x0B, 0x15, 0x17:
                return .key(.control(Character(Unicode.Scalar(UInt8(value) + 0x60))))
            default:
                guard value >= 0x20, let scalar = Unicode.Scalar(value),
                    !Sanitizer.isRefused(scalar)
                else { return nil }
                if scalar == "?" { return .key(.character("?")) }
                return .key(.character(Character(scalar)))
            }
        case .keyCode(let code):
            switch code {
            case keyUp: return .key(.up)
            case keyDown: return .key(.down)
            case keyLeft: return .key(.left)
            case keyRight: return .key(.right)
            case keyHome: return .key(.home)
            case keyEnd: return .key(.end)
            case keyBackspace: return .key(.backspace)
            case keyDelete: return .key(.delete)
            case keyEnter: return .key(.enter)
            case keyBackTab: return .key(.backTab)
            case keyNextPage: return .scrollDown
            case keyPreviousPage: return .scrollUp
            case keyResize: return .resize
            case keyF0 + 1: return .key(.help)
            case keyF0 + 2: return .invertQR
            case keyF0 + 3: return .switchQRStyle
            default: return nil
            }
        }
    }
}
