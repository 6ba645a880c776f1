import KeepsafeAssets
import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The bundled list of common passwords that sign-up refuses (`assets/common-passwords.txt`,
/// 30,000 entries from zxcvbn's leak-derived frequency list; see `assets/README.md`).
///
/// The bundled list is read on first use (a sign-up), not when the portal starts.
public struct CommonPasswords: Sendable, Equatable {
    private let storage: LazyValue<Set<String>>

    /// Lowercased, NFC-normalised entries.
    public var entries: Set<String> { storage.value }

    /// A list from any entries (normalised here).
    public init(entries: some Sequence<String>) {
        storage = LazyValue(value: Set(entries.map { $0.nfc.lowercased() }))
    }

    private init(storage: LazyValue<Set<String>>) { self.storage = storage }

    /// The list shipped with keepsafe. Its file is already lowercased and NFC-normalised
    /// (`scripts/extract-common-passwords.py`), so its lines are taken as they are.
    public static let bundled = CommonPasswords(
        storage: LazyValue {
            guard let text = EmbeddedAssets.text("common-passwords.txt") else { return [] }
            return Set(text.split(separator: "\n").map(String.init))
        })

    /// True when `password` (compared lowercased and NFC-normalised) is on the list.
    public func contains(_ password: String) -> Bool {
        entries.contains(password.nfc.lowercased())
    }

    public static func == (lhs: CommonPasswords, rhs: CommonPasswords) -> Bool {
        lhs.storage === rhs.storage || lhs.entries == rhs.entries
    }
}
