#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// ISO 8601 instants as keepsafe reads and writes them (UTC, `Z`).
///
///     ISO8601.parse("2026-05-01T09:00:00Z")       // with or without .250, or +02:00
///     ISO8601.string(from: date)                   // "2026-05-01T09:00:00Z"
public enum ISO8601 {
    /// The instant `text` names, with or without fractional seconds; `nil` if it is not
    /// an ISO 8601 date-time with a zone.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// `2026-05-01T09:00:00Z`.
    public static func string(from date: Date) -> String {
        Date.ISO8601FormatStyle().format(date)
    }

    /// `2026-05-01`.
    public static func day(_ date: Date) -> String {
        Date.ISO8601FormatStyle().year().month().day().format(date)
    }

    /// `2026-05-01 09:00:00Z`, for people.
    public static func readable(_ date: Date) -> String {
        Date.ISO8601FormatStyle(dateTimeSeparator: .space).format(date)
    }
}
