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
                WalkthroughWords.text("badSize", ["text": text]))
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
                WalkthroughWords.text(
                    "unknownKey",
                    [
                        "name": name, "suggestion": Suggestion.phrase(for: name, among: keyNames),
                        "keys": keyNames.joined(separator: ", "),
                    ]))
        }
        return key
    }

    /// A snapshot name: letters, digits, `-`, `_` and `.`, not starting with a dot.
    static func snapshotName(_ name: String) throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }),
            !name.hasPrefix(".")
        else {
            throw WalkthroughFailure.badArgument(
                WalkthroughWords.text("badSnapshotName", ["name": name]))
        }
    }

    /// A regular expression for `capture`.
    static func regex(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern)
        } catch {
            throw WalkthroughFailure.badArgument(WalkthroughWords.text("badRegex", ["pattern": pattern]))
        }
    }

    /// A whole number, 0 or more.
    static func count(_ text: String, for step: String) throws -> Int {
        guard let value = Int(text), value >= 0 else {
            throw WalkthroughFailure.badArgument(
                WalkthroughWords.text("notWholeNumber", ["step": step, "text": text]))
        }
        return value
    }

    /// An ISO 8601 instant with a zone, with or without fractional seconds, 1970...9999.
    static func instant(_ text: String) throws -> Date {
        do {
            return try TimeValue.instant(text)
        } catch {
            throw WalkthroughFailure.badArgument(
                WalkthroughWords.text("badClock", ["text": Sanitizer.clean(text)])
            )
        }
    }

    /// `90`, `30s`, `16m`, `1h30m`, `2d`, `14m59s` → seconds; never negative, at most
    /// 100 years (the one time parser, `TimeValue`, checks the range).
    static func duration(_ text: String) throws -> TimeInterval {
        let bad = WalkthroughFailure.badArgument(
            WalkthroughWords.text("badDuration", ["text": Sanitizer.clean(text)])
        )
        guard !text.hasPrefix("+"), !text.hasPrefix("-"), let seconds = try? TimeValue.duration(text) else {
            throw bad
        }
        return seconds
    }
}
