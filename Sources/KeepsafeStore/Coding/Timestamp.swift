import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// ISO 8601 timestamps in UTC with as many fractional digits as it takes to give back
/// the very same `Date` (`2026-05-01T09:00:00.000Z`, `2026-05-01T09:00:00.1234567Z`).
///
/// Foundation's ISO 8601 formatter keeps milliseconds only, so a record read back from
/// the store would not compare equal to the one written. Here the whole seconds go
/// through the calendar and the fraction (exact in binary) is written with the fewest
/// digits that rebuild the same `Date`: 3 for whole milliseconds, about 7 otherwise.
enum Timestamp {
    /// Seconds between 1970-01-01 and Foundation's reference date, 2001-01-01.
    private static let referenceOffset: Int64 = 978_307_200

    /// Formats `date`; the result always has at least three fractional digits.
    static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSinceReferenceDate
        let whole = interval.rounded(.down)
        let fraction = interval - whole  // exact: both are multiples of the interval's ulp
        var epoch = time_t(Int64(whole) + referenceOffset)
        var fields = tm()
        gmtime_r(&epoch, &fields)
        let year = Int(fields.tm_year) + 1900
        let text =
            pad(year, 4) + "-" + pad(Int(fields.tm_mon) + 1, 2) + "-" + pad(Int(fields.tm_mday), 2) + "T"
            + pad(Int(fields.tm_hour), 2) + ":" + pad(Int(fields.tm_min), 2) + ":"
            + pad(Int(fields.tm_sec), 2)
        return text + "." + fractionDigits(whole: whole, fraction: fraction) + "Z"
    }

    /// Parses what `format` writes, and any ISO 8601 instant with a `Z` or `±hh:mm` zone.
    /// Returns `nil` for anything else.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == 45, let month = number(5, 2), bytes[7] == 45,
            let day = number(8, 2), bytes[10] == 84 || bytes[10] == 116,
            let hour = number(11, 2), bytes[13] == 58, let minute = number(14, 2), bytes[16] == 58,
            let second = number(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 46 {
            let start = index + 1
            index = start
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            guard index > start,
                let value = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self))
            else { return nil }
            fraction = value
        }
        guard index < bytes.count else { return nil }
        var zoneOffset = 0
        if bytes[index] == 90 || bytes[index] == 122 {
            index += 1
        } else if bytes[index] == 43 || bytes[index] == 45 {
            guard let zoneHours = number(index + 1, 2), bytes.count > index + 3, bytes[index + 3] == 58,
                let zoneMinutes = number(index + 4, 2)
            else { return nil }
            zoneOffset = (zoneHours * 3600 + zoneMinutes * 60) * (bytes[index] == 43 ? 1 : -1)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour)
        fields.tm_min = Int32(minute)
        fields.tm_sec = Int32(second)
        let epoch = Int64(timegm(&fields)) - Int64(zoneOffset)
        return Date(timeIntervalSinceReferenceDate: Double(epoch - referenceOffset) + fraction)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The fewest digits (at least 3) after the point that bring `whole + fraction`
    /// back exactly as `parse` computes it (about 7 for dates of this century).
    private static func fractionDigits(whole: Double, fraction: Double) -> String {
        for count in 3...40 {
            let text = formatted("%.\(count)f", fraction)
            guard text.hasPrefix("0."), let value = Double(text), whole + value == whole + fraction else {
                continue
            }
            return trimmed(String(text.dropFirst(2)))
        }
        return trimmed(String(formatted("%.60f", fraction).dropFirst(2)))
    }

    private static func trimmed(_ digits: String) -> String {
        var digits = digits
        while digits.count > 3, digits.hasSuffix("0") { digits.removeLast() }
        return digits
    }
}
