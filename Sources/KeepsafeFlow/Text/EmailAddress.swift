/// An email address that is a WHATWG HTML "valid e-mail address", kept lowercased (the
/// account key).
///
/// The HTML standard's definition: a local part of one or more of
/// ``a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-``, an `@`, then one or more dot-separated labels of
/// 1 to 63 letters, digits and hyphens that neither start nor end with a hyphen.
public struct EmailAddress: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The lowercased address.
    public let value: String

    private static let localSymbols = Set(".!#$%&'*+/=?^_`{|}~-".unicodeScalars)

    /// Parses `text` after trimming surrounding spaces; nil when it is not a valid address.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, trimmed.count <= 254,
            Self.isValidLocal(parts[0]), Self.isValidDomain(parts[1])
        else { return nil }
        value = trimmed.lowercased()
    }

    public var description: String { value }

    /// True when the domain has two labels or more (`example.com`). The WHATWG definition
    /// accepts a single label (`alice@example`), which no mail from outside a private
    /// network can reach, so sign-up and invitations ask for this as well.
    public var hasDottedDomain: Bool {
        guard let at = value.lastIndex(of: "@") else { return false }
        return value[value.index(after: at)...].contains(".")
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return false
        }
    }

    private static func isValidLocal(_ local: Substring) -> Bool {
        !local.isEmpty
            && local.unicodeScalars.allSatisfy { isASCIIAlphanumeric($0) || localSymbols.contains($0) }
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return !labels.isEmpty
            && labels.allSatisfy { label in
                let scalars = Array(label.unicodeScalars)
                guard (1...63).contains(scalars.count),
                    let first = scalars.first, let last = scalars.last,
                    isASCIIAlphanumeric(first), isASCIIAlphanumeric(last)
                else { return false }
                return scalars.allSatisfy { isASCIIAlphanumeric($0) || $0 == "-" }
            }
    }
}
