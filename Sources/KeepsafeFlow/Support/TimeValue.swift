import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Every time value that comes from outside: `--clock`, `--at`, `--skew`, and the
/// walkthrough steps `clock` and `advance`. One parser, range-checked before anything
/// uses the value, so no input can overflow a later conversion (`Int(seconds)`, a TOTP
/// step) into a trap.
///
///     try TimeValue.duration("+16m")          // 960
///     try TimeValue.clockOffset("2026-05-01T09:00:00Z", now: Date())
public enum TimeValue {
    /// The largest duration or clock shift accepted: 100 years either way.
    public static let maximumDuration: TimeInterval = 100 * 366 * 86_400
    /// The instants a clock may show: the Unix epoch to the end of year 9999 (UTC).
    public static let earliest = Date(timeIntervalSince1970: 0)
    public static let latest = Date(timeIntervalSince1970: 253_402_300_799)
    /// Longer text is refused before it is looked at.
    static let maximumLength = 64

    /// Why a time value was refused; the description is one line for a usage error.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// Not a duration like `90s`, `16m`, `1h30m`, `2d` (the accepted forms are named).
        case notADuration(String)
        /// Neither an ISO 8601 instant nor a signed duration.
        case notAClock(String)
        /// A number of the right form but beyond the accepted range.
        case outOfRange(String)

        public var description: String {
            switch self {
            case .notADuration(let text):
                return "'\(TimeValue.shown(text))' is not a duration (use 90, 30s, 16m, 1h30m or 2d)"
            case .notAClock(let text):
                return
                    "'\(TimeValue.shown(text))' is neither an ISO 8601 instant (2026-05-01T09:00:00Z) nor an offset such as +16m"
            case .outOfRange(let text):
                return
                    "'\(TimeValue.shown(text))' is out of range (at most 100 years either way, between 1970 and 9999)"
            }
        }
    }

    /// A duration: an optional sign, then one or more `NUMBER[UNIT]` parts (`s`, `m`,
    /// `h`, `d`; a bare number is seconds). Numbers are plain decimals (no exponent),
    /// at most 100 years in all.
    /// - Throws: `Problem.notADuration` or `.outOfRange`.
    public static func duration(_ text: String) throws -> TimeInterval {
        let trimmed = text.trimmingWhitespace
        guard trimmed.utf8.count <= maximumLength, !trimmed.isEmpty else { throw Problem.notADuration(text) }
        var rest = Substring(trimmed)
        var sign = 1.0
        if let first = rest.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        var total = 0.0
        var number = ""
        var parts = 0
        func add(_ unit: Double) throws {
            guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number != ".",
                let value = Double(number), value.isFinite
            else { throw Problem.notADuration(text) }
            guard value <= maximumDuration else { throw Problem.outOfRange(text) }
            total += value * unit
            guard total <= maximumDuration else { throw Problem.outOfRange(text) }
            number = ""
            parts += 1
        }
        for character in rest.lowercased() {
            switch character {
            case "0"..."9", ".": number.append(character)
            case "s": try add(1)
            case "m": try add(60)
            case "h": try add(3600)
            case "d": try add(86_400)
            default: throw Problem.notADuration(text)
            }
        }
        if !number.isEmpty { try add(1) }
        guard parts > 0 else { throw Problem.notADuration(text) }
        return sign * total
    }

    /// An instant: ISO 8601 with a zone (with or without fractional seconds) or, when
    /// `unixSeconds` is true, a plain non-negative number of Unix seconds.
    /// - Throws: `Problem.notAClock` or `.outOfRange` (before 1970 or after 9999).
    public static func instant(_ text: String, unixSeconds: Bool = false) throws -> Date {
        let trimmed = text.trimmingWhitespace
        guard trimmed.utf8.count <= maximumLength, !trimmed.isEmpty else { throw Problem.notAClock(text) }
        var date: Date?
        if unixSeconds, trimmed.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }),
            trimmed.filter({ $0 == "." }).count <= 1, let seconds = Double(trimmed), seconds.isFinite
        {
            date = Date(timeIntervalSince1970: seconds)
        }
        if date == nil, trimmed.unicodeScalars.allSatisfy({ $0.isASCII }) {
            date = ISO8601.parse(trimmed)
        }
        guard let date else { throw Problem.notAClock(text) }
        guard date >= earliest, date <= latest else { throw Problem.outOfRange(text) }
        return date
    }

    /// `--clock TIME`: seconds to add to `now` for a signed duration (`+16m`, `-2h`) or an
    /// ISO 8601 instant the clock starts from. The shifted clock stays within 1970...9999.
    /// - Throws: `Problem`.
    public static func clockOffset(_ text: String, now: Date) throws -> TimeInterval {
        let trimmed = text.trimmingWhitespace
        let offset: TimeInterval
        if trimmed.hasPrefix("+") || trimmed.hasPrefix("-") {
            do { offset = try duration(trimmed) } catch Problem.notADuration { throw Problem.notAClock(text) }
        } else {
            do { offset = try instant(trimmed).timeIntervalSince(now) } catch Problem.notAClock {
                throw Problem.notAClock(text)
            }
        }
        let shifted = now.addingTimeInterval(offset)
        guard shifted >= earliest, shifted <= latest else { throw Problem.outOfRange(text) }
        return offset
    }

    /// At most 64 characters of `text`, for an error message (sanitised by the caller's
    /// `fail`, and again here so library users get a clean line too).
    static func shown(_ text: String) -> String {
        let head = text.count > maximumLength ? String(text.prefix(maximumLength)) + "…" : text
        return Sanitizer.clean(head)
    }
}
