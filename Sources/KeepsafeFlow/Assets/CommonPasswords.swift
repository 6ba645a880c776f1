#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeepsafeBase
import KeepsafeAssets

/// The bundled list of common passwords that sign-up refuses (`assets/common-passwords.txt`,
/// 30,000 entries from zxcvbn's leak-derived frequency list; see `assets/README.md`).
public struct CommonPasswords: Sendable, Equatable {
    /// Lowercased, NFC-normalised entries.
    public let entries: Set<String>

    /// A list from any entries (normalised here).
    public init(entries: some Sequence<String>) {
        self.entries = Set(entries.map { $0.nfc.lowercased() })
    }

    /// The list shipped with keepsafe.
    public static let bundled: CommonPasswords = {
        guard let text = EmbeddedAssets.text("common-passwords.txt") else { return CommonPasswords(entries: []) }
        return CommonPasswords(entries: text.split(separator: "\n").map(String.init))
    }()

    /// True when `password` (compared lowercased and NFC-normalised) is on the list.
    public func contains(_ password: String) -> Bool {
        entries.contains(password.nfc.lowercased())
    }
}
