/// A key press, as the flow engine understands it. The terminal layer decodes raw input
/// into these; walkthroughs name them (`key Tab`, `key Enter`).
public enum Key: Sendable, Equatable, Hashable {
    case tab, backTab
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, space, escape, backspace, delete
    case help
    case character(Character)
    /// Ctrl and a letter (lowercase): the line-editing keys Ctrl-A, Ctrl-E, Ctrl-U, Ctrl-K, Ctrl-W.
    case control(Character)

    /// Parses a walkthrough key name (`Tab`, `Shift-Tab`, `Enter`, `Esc`, `F1`, `Ctrl-U`, `a`).
    public init?(name: String) {
        let lowered = name.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"]
        where lowered.hasPrefix(prefix) && lowered.count == prefix.count + 1 {
            guard let letter = lowered.last, letter.isASCII, letter.isLetter else { return nil }
            self = .control(letter)
            return
        }
        switch lowered {
        case "tab": self = .tab
        case "shift-tab", "backtab", "btab": self = .backTab
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "home": self = .home
        case "end": self = .end
        case "pageup", "pgup": self = .pageUp
        case "pagedown", "pgdn": self = .pageDown
        case "enter", "return": self = .enter
        case "space": self = .space
        case "esc", "escape": self = .escape
        case "backspace", "bs": self = .backspace
        case "delete", "del": self = .delete
        case "f1", "help": self = .help
        default:
            guard name.count == 1, let character = name.first else { return nil }
            self = .character(character)
        }
    }
}
