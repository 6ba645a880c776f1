/// A single-use recovery code: 24 symbols from a 32-symbol alphabet without look-alikes
/// (no 0, 1, I or O), so 120 bits, shown as six groups of four.
///
///     let code = RecoveryCode.generate()
///     code.grouped                                    // "7KQM-2XHD-..."
///     try RecoveryCode(parsing: "7kqm 2xhd ...")      // the same code
public struct RecoveryCode: Sendable, Equatable {
    /// `2-9` then `A-Z` without `I` and `O`: 32 symbols, 5 bits each.
    public static let alphabet: [Character] = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    /// Symbols per code.
    public static let length = 24
    /// Symbols per displayed group.
    public static let groupSize = 4

    /// The 24 symbols, upper case, no separators: what gets hashed for storage.
    public let normalized: String

    /// The symbols in groups of four joined by dashes: `"ABCD-EFGH-JKLM-NPQR-STUV-WXYZ"`.
    public var grouped: String {
        String(Base32.grouped(normalized, size: Self.groupSize).map { $0 == " " ? "-" : $0 })
    }

    /// A fresh code from the system CSPRNG; each symbol uses 5 random bits, so all are uniform.
    public static func generate() -> RecoveryCode {
        let random = Secrets.bytes(length)
        let symbols = random.map { alphabet[Int($0 & 0x1f)] }
        return RecoveryCode(normalized: String(symbols))
    }

    private init(normalized: String) {
        self.normalized = normalized
    }

    /// Reads a code as a person typed it: any case, with or without spaces and dashes.
    ///
    /// - Throws: `RecoveryCodeError`: no symbols, a character outside the alphabet (with a hint
    ///   for look-alikes such as `0` and `O`), or not exactly 24 symbols.
    public init(parsing text: String) throws {
        var symbols: [Character] = []
        for (position, character) in text.enumerated() {
            if character.isWhitespace || character == "-" { continue }
            let upper = Character(character.uppercased())
            guard upper.isASCII, Self.alphabet.contains(upper) else {
                throw RecoveryCodeError.invalidCharacter(character, position: position)
            }
            symbols.append(upper)
        }
        guard !symbols.isEmpty else { throw RecoveryCodeError.empty }
        guard symbols.count == Self.length else { throw RecoveryCodeError.wrongLength(symbols.count) }
        self.normalized = String(symbols)
    }

    public static func == (lhs: RecoveryCode, rhs: RecoveryCode) -> Bool {
        constantTimeEqual(lhs.normalized, rhs.normalized)
    }
}

/// Why text is not a recovery code.
public enum RecoveryCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing but spaces and dashes.
    case empty
    /// A character that recovery codes never contain; position counts characters from 0.
    case invalidCharacter(Character, position: Int)
    /// The number of symbols, when it is not 24.
    case wrongLength(Int)

    public var description: String {
        switch self {
        case .empty:
            return "enter the recovery code"
        case .invalidCharacter(let character, let position):
            let hint: String
            switch character {
            case "0", "o", "O": hint = " (recovery codes have no 0 or O)"
            case "1", "i", "I": hint = " (recovery codes have no 1 or I)"
            default: hint = ""
            }
            let shown = character.unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
            return "'\(shown)' at position \(position + 1) is not in a recovery code\(hint)"
        case .wrongLength(let count):
            return "a recovery code has 24 letters and digits, this has \(count)"
        }
    }
}
