/// A mobile number in E.164 form, checked against the country table's national number
/// lengths.
public struct PhoneNumber: Sendable, Equatable, CustomStringConvertible {
    /// `+` followed by the calling code and the national significant number.
    public let e164: String
    public let country: Country

    /// Why a number was refused.
    public enum Problem: Error, Sendable, Equatable {
        case empty
        /// Something other than digits, spaces, dashes, dots or parentheses.
        case notDigits
        /// The national number has a length the country does not use.
        case wrongLength(got: Int, allowed: [Int])
    }

    /// Builds a number from a picked country and the typed national number.
    ///
    /// Spaces, dashes, dots and parentheses are ignored; one national trunk `0` in front
    /// is dropped when the length without it fits (the way people write UK numbers).
    /// A number typed with `+` and the country's calling code is accepted too.
    public static func make(country: Country, national text: String) -> Result<PhoneNumber, Problem> {
        var digits = text.filter { !" -.()".contains($0) }
        if digits.isEmpty { return .failure(.empty) }
        if digits.hasPrefix("+") {
            digits.removeFirst()
            guard digits.hasPrefix(country.callingCode) else { return .failure(.notDigits) }
            digits.removeFirst(country.callingCode.count)
        }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.notDigits) }
        if digits.hasPrefix("0"), !country.lengths.contains(digits.count),
            country.lengths.contains(digits.count - 1)
        {
            digits.removeFirst()
        }
        guard country.lengths.contains(digits.count) else {
            return .failure(.wrongLength(got: digits.count, allowed: country.lengths))
        }
        return .success(PhoneNumber(e164: "+" + country.callingCode + digits, country: country))
    }

    public var description: String { e164 }

    /// The number with all but the last two digits hidden, for screens and mails.
    public static func masked(_ e164: String) -> String {
        guard e164.count > 4 else { return e164 }
        let visibleTail = e164.suffix(2)
        let hidden = String(repeating: "•", count: e164.count - 4)
        return String(e164.prefix(2)) + hidden + visibleTail
    }
}
