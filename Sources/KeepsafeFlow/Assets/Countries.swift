import KeepsafeAssets
import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One entry of the SMS country picker.
public struct Country: Codable, Sendable, Equatable {
    /// ISO 3166-1 alpha-2 code, or "001" for non-geographic calling codes.
    public var iso: String
    public var name: String
    /// ITU country calling code, digits only (`"44"`).
    public var callingCode: String
    /// Possible lengths of the national significant number (mobile numbers preferred).
    public var lengths: [Int]

    public init(iso: String, name: String, callingCode: String, lengths: [Int]) {
        self.iso = iso
        self.name = name
        self.callingCode = callingCode
        self.lengths = lengths
    }

    /// The list label: "United Kingdom (+44)".
    public var label: String { "\(name) (+\(callingCode))" }

    /// True when `query` matches the name (any word start), the ISO code or the calling code.
    public func matches(_ query: String) -> Bool {
        let query = query.trimmingWhitespace.foldedForSearch
        if query.isEmpty { return true }
        let digits = query.hasPrefix("+") ? String(query.dropFirst()) : query
        if !digits.isEmpty, digits.allSatisfy(\.isNumber) { return callingCode.hasPrefix(digits) }
        if iso.lowercased() == query { return true }
        let folded = name.foldedForSearch
        return folded.hasPrefix(query)
            || folded.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "(" }).contains {
                $0.hasPrefix(query)
            }
    }
}

/// The bundled country table (`assets/countries.json`, generated from libphonenumber's
/// metadata and ISO 3166-1 by `scripts/generate-countries.py`).
///
/// The bundled table is parsed on first use (the SMS country picker), not at start-up.
public struct CountryTable: Sendable, Equatable {
    private var storage: LazyValue<[Country]>

    /// The entries, in table order.
    public var countries: [Country] {
        get { storage.value }
        set { storage = LazyValue(value: newValue) }
    }

    public init(countries: [Country]) { storage = LazyValue(value: countries) }

    private init(storage: LazyValue<[Country]>) { self.storage = storage }

    public static func == (lhs: CountryTable, rhs: CountryTable) -> Bool {
        lhs.storage === rhs.storage || lhs.countries == rhs.countries
    }

    private struct Document: Codable {
        var source: String
        var countries: [Country]
    }

    /// Reads a country table file.
    /// - Throws: `AssetError` naming `path`.
    public init(contentsOf path: String) throws {
        let data = try AssetError.read(path)
        guard let document = try? JSONDecoder().decode(Document.self, from: data) else {
            throw AssetError.malformed(path: path, reason: "not a country table")
        }
        storage = LazyValue(value: document.countries)
    }

    /// The table shipped with keepsafe.
    public static let bundled = CountryTable(
        storage: LazyValue {
            guard let text = EmbeddedAssets.text("countries.json"),
                let document = try? JSONDecoder().decode(Document.self, from: Data(text.utf8))
            else { return [] }
            return document.countries
        })

    /// The entry with ISO code `iso` (the first one for "001").
    public func country(iso: String) -> Country? { countries.first { $0.iso == iso.uppercased() } }

    /// Entries matching a picker query, in table order.
    /// - Complexity: O(n) in the table's size.
    public func search(_ query: String) -> [Country] { countries.filter { $0.matches(query) } }
}
