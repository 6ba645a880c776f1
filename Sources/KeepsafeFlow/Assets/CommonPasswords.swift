import Foundation

/// The bundled list of common passwords that sign-up refuses (`assets/common-passwords.txt`,
/// 30,000 entries from zxcvbn's leak-derived frequency list; see `assets/README.md`).
public struct CommonPasswords: Sendable, Equatable {
    /// Lowercased, NFC-normalised entries.
    public let entries: Set<String>

    /// A list from any entries (normalised here).
    public init(entries: some Sequence<String>) {
        self.entries = Set(entries.map { $0.precomposedStringWithCanonicalMapping.lowercased() })
    }

    /// The list shipped with keepsafe.
    public static let bundled: CommonPasswords = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return CommonPasswords(entries: []) }
        return CommonPasswords(entries: text.split(separator: "\n").map(String.init))
    }()

    /// True when `password` (compared lowercased and NFC-normalised) is on the list.
    public func contains(_ password: String) -> Bool {
        entries.contains(password.precomposedStringWithCanonicalMapping.lowercased())
    }
}
