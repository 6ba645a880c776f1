#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeepsafeBase

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
