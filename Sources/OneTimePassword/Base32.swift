/// Base32 with the RFC 4648 section 6 alphabet (`A-Z`, `2-7`), as authenticator secrets use it.
///
///     Base32.encode(Array("Hello!".utf8))   // "JBSWY3DPEE"
///     try Base32.decode("jbsw y3dp-ee")     // [72, 101, 108, 108, 111, 33]
public enum Base32 {
    /// The 32 symbols, in value order.
    public static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Encodes `bytes` without `=` padding, in upper case.
    ///
    /// - Complexity: O(n).
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        encodeBitGroups(bytes, bitsPerSymbol: 5, alphabet: alphabet)
    }

    /// Decodes Base32 text as people type and paste it.
    ///
    /// Ignores case, spaces (and other whitespace) and dashes; `=` padding is optional but, when
    /// present, must come last and be complete. Bits left over after the last whole byte are
    /// dropped, as authenticator apps do.
    ///
    /// - Throws: `Base32Error` naming the first problem: no symbols, a character outside the
    ///   alphabet (with its position in `text`), padding in the middle or of the wrong length,
    ///   or a symbol count no byte string encodes to (1, 3 or 6 past a multiple of 8).
    /// - Complexity: O(n).
    public static func decode(_ text: String) throws -> [UInt8] {
        var values: [UInt8] = []
        var padding = 0
        for (position, character) in text.enumerated() {
            if character.isWhitespace || character == "-" { continue }
            if character == "=" {
                padding += 1
                continue
            }
            guard padding == 0 else { throw Base32Error.misplacedPadding(position: position) }
            guard let value = value(of: character) else {
                throw Base32Error.invalidCharacter(character, position: position)
            }
            values.append(value)
        }
        guard !values.isEmpty else { throw Base32Error.empty }
        guard [0, 2, 4, 5, 7].contains(values.count % 8) else {
            throw Base32Error.invalidLength(symbols: values.count)
        }
        if padding > 0, (values.count + padding) % 8 != 0 || padding >= 8 {
            throw Base32Error.invalidPadding(count: padding)
        }
        var output: [UInt8] = []
        output.reserveCapacity(values.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        for value in values {
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        return output
    }

    /// Splits encoded text into groups of `size` symbols separated by spaces, for reading aloud
    /// or typing: `"JBSW Y3DP EHPK 3PXP"`.
    ///
    /// - Parameter size: symbols per group, 1 or more (smaller values are treated as 1).
    public static func grouped(_ encoded: String, size: Int = 4) -> String {
        let characters = Array(encoded)
        let step = max(1, size)
        return stride(from: 0, to: characters.count, by: step)
            .map { String(characters[$0..<min($0 + step, characters.count)]) }
            .joined(separator: " ")
    }

    /// The value of one symbol, either case; `nil` outside the alphabet.
    private static func value(of character: Character) -> UInt8? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return ascii - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return ascii - UInt8(ascii: "a")
        case UInt8(ascii: "2")...UInt8(ascii: "7"): return ascii - UInt8(ascii: "2") + 26
        default: return nil
        }
    }
}

/// Why text is not Base32.
public enum Base32Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// No symbols at all (only spaces, dashes or padding).
    case empty
    /// A character outside `A-Z`, `a-z`, `2-7`, spaces, dashes and `=`; position counts characters from 0.
    case invalidCharacter(Character, position: Int)
    /// A symbol after `=` padding.
    case misplacedPadding(position: Int)
    /// Padding that does not complete a group of eight.
    case invalidPadding(count: Int)
    /// A symbol count that no byte string encodes to.
    case invalidLength(symbols: Int)

    public var description: String {
        switch self {
        case .empty:
            return "the Base32 text is empty"
        case .invalidCharacter(let character, let position):
            let shown = character.unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
            return "'\(shown)' at position \(position + 1) is not a Base32 character (A-Z, 2-7)"
        case .misplacedPadding(let position):
            return "padding '=' must come last, but a symbol follows it at position \(position + 1)"
        case .invalidPadding(let count):
            return "\(count) padding characters do not complete a group of eight"
        case .invalidLength(let symbols):
            return "\(symbols) Base32 symbols cannot encode whole bytes; a symbol is missing or extra"
        }
    }
}
