import Foundation
import KeepsafeFlow

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

    /// An ISO 8601 instant with a zone, with or without fractional seconds, 1970...9999.
    static func instant(_ text: String) throws -> Date {
        do {
            return try TimeValue.instant(text)
        } catch {
            throw WalkthroughFailure.badArgument(
                "clock needs an ISO 8601 instant like 2026-05-01T09:00:00Z between 1970 and 9999 (got '\(Sanitizer.clean(text))')"
            )
        }
    }

    /// `90`, `30s`, `16m`, `1h30m`, `2d`, `14m59s` → seconds; never negative, at most
    /// 100 years (the one time parser, `TimeValue`, checks the range).
    static func duration(_ text: String) throws -> TimeInterval {
        let bad = WalkthroughFailure.badArgument(
            "advance needs a duration like 30s, 16m, 1h30m or 2d, at most 100 years (got '\(Sanitizer.clean(text))')"
        )
        guard !text.hasPrefix("+"), !text.hasPrefix("-"), let seconds = try? TimeValue.duration(text) else {
            throw bad
        }
        return seconds
    }
}
