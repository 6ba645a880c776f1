import KeepsafeBase
import KeepsafeFlow

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Parsers for step arguments (sizes, instants, durations); each throws
/// `WalkthroughFailure.badArgument` naming what it expected.
enum StepArguments {
    /// `80x24` → (80, 24); width 20...1000, height 5...1000.
    static func size(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
            (20...1000).contains(width), (5...1000).contains(height)
        else {
            throw WalkthroughFailure.badArgument(
                "size must be WIDTHxHEIGHT, 20-1000 by 5-1000, like 80x24 (got '\(text)')")
        }
        return (width, height)
    }

    /// The key names a walkthrough understands, as the error message lists them.
    static let keyNames = [
        "Tab", "Shift-Tab", "Up", "Down", "Left", "Right", "Home", "End", "PageUp", "PageDown", "Enter",
        "Space", "Esc", "Backspace", "Delete", "F1",
    ]

    /// A key name (`Tab`, `PageDown`, `F1`, one character).
    static func key(_ name: String) throws -> Key {
        guard let key = Key(name: name) else {
            throw WalkthroughFailure.badArgument(
                "unknown key '\(name)'\(Suggestion.phrase(for: name, among: keyNames)) (keys: "
                    + keyNames.joined(separator: ", ") + ", or one character)")
        }
        return key
    }

    /// A snapshot name: letters, digits, `-`, `_` and `.`, not starting with a dot.
    static func snapshotName(_ name: String) throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }),
            !name.hasPrefix(".")
        else {
            throw WalkthroughFailure.badArgument(
                "snapshot names use letters, digits, '-', '_' and '.' (got '\(name)')")
        }
    }

    /// A regular expression for `capture`.
    static func regex(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern)
        } catch {
            throw WalkthroughFailure.badArgument("capture: invalid regular expression \(pattern)")
        }
    }

    /// A whole number, 0 or more.
    static func count(_ text: String, for step: String) throws -> Int {
        guard let value = Int(text), value >= 0 else {
            throw WalkthroughFailure.badArgument("\(step): '\(text)' is not a whole number")
        }
        return value
    }

    /// An ISO 8601 instant with a zone, with or without fractional seconds.
    static func instant(_ text: String) throws -> Date {
        if let date = ISO8601.parse(text) { return date }
        throw WalkthroughFailure.badArgument(
            "clock needs an ISO 8601 instant like 2026-05-01T09:00:00Z (got '\(text)')")
    }

    /// `90`, `30s`, `16m`, `1h30m`, `2d`, `14m59s` → seconds.
    static func duration(_ text: String) throws -> TimeInterval {
        let bad = WalkthroughFailure.badArgument(
            "advance needs a duration like 30s, 16m, 1h30m or 2d (got '\(text)')")
        if let seconds = Double(text), seconds >= 0 { return seconds }
        var total: TimeInterval = 0
        var number = ""
        var sawUnit = false
        for character in text.lowercased() {
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            guard let value = Double(number) else { throw bad }
            switch character {
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            case "d": total += value * 86400
            default: throw bad
            }
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit else { throw bad }
        return total
    }
}
