/// A run of data in one encoding mode (ISO/IEC 18004, 7.4): the unit the data stream is built from.
///
/// Make segments with ``numeric(_:)``, ``alphanumeric(_:)``, ``bytes(_:)`` or let
/// ``segments(for:)`` choose the modes that make the smallest symbol.
public struct QRSegment: Sendable, Equatable {
    /// The encoding modes this encoder writes.
    public enum Mode: Sendable, Equatable, CustomStringConvertible {
        /// Digits 0-9, three per 10 bits.
        case numeric
        /// Digits, upper-case A-Z and ` $%*+-./:`, two per 11 bits.
        case alphanumeric
        /// Any bytes, eight bits each (UTF-8 text by convention).
        case byte
        /// An Extended Channel Interpretation designator (7.4.2): how to read the bytes that follow.
        case eci

        /// The four-bit mode indicator (table 2).
        var indicator: Int {
            switch self {
            case .numeric: return 0b0001
            case .alphanumeric: return 0b0010
            case .byte: return 0b0100
            case .eci: return 0b0111
            }
        }

        /// Bits of the character count indicator at `version` (table 3).
        func characterCountBits(version: Int) -> Int {
            let group = version <= 9 ? 0 : (version <= 26 ? 1 : 2)
            switch self {
            case .numeric: return [10, 12, 14][group]
            case .alphanumeric: return [9, 11, 13][group]
            case .byte: return [8, 16, 16][group]
            case .eci: return 0
            }
        }

        public var description: String {
            switch self {
            case .numeric: return "numeric"
            case .alphanumeric: return "alphanumeric"
            case .byte: return "byte"
            case .eci: return "ECI"
            }
        }
    }

    /// The segment's mode.
    public let mode: Mode
    /// Characters (numeric, alphanumeric) or bytes (byte) the segment holds.
    public let characterCount: Int
    /// The encoded data bits, without mode indicator and count.
    let data: BitBuffer

    /// The 45 characters of alphanumeric mode, in the order of their values 0...44 (table 5).
    static let alphanumericCharset = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    /// Alphanumeric value of each ASCII byte, or -1.
    static let alphanumericValue: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, byte) in alphanumericCharset.enumerated() { table[Int(byte)] = Int8(value) }
        return table
    }()

    /// A byte-mode segment holding `bytes` as they are.
    ///
    /// - Complexity: O(n).
    public static func bytes(_ bytes: [UInt8]) -> QRSegment {
        var buffer = BitBuffer()
        for byte in bytes { buffer.append(Int(byte), length: 8) }
        return QRSegment(mode: .byte, characterCount: bytes.count, data: buffer)
    }

    /// The ECI designator of UTF-8 (ISO/IEC 18004, 7.4.2; AIM ECI 26).
    public static let utf8Designator = 26

    /// An ECI segment announcing that the following bytes use character set `designator`
    /// (0...999,999; 26 is UTF-8), so decoders need not guess.
    /// - Throws: ``QRCodeError/invalidSegmentData(mode:reason:)`` for a designator out of range.
    public static func eci(_ designator: Int) throws -> QRSegment {
        var buffer = BitBuffer()
        switch designator {
        case 0..<(1 << 7):
            buffer.append(designator, length: 8)
        case 0..<(1 << 14):
            buffer.append(0b10, length: 2)
            buffer.append(designator, length: 14)
        case 0..<1_000_000:
            buffer.append(0b110, length: 3)
            buffer.append(designator, length: 21)
        default:
            throw QRCodeError.invalidSegmentData(mode: .eci, reason: "designators run from 0 to 999999")
        }
        return QRSegment(mode: .eci, characterCount: 0, data: buffer)
    }

    /// A numeric segment of `digits` (only the characters 0-9).
    /// - Throws: ``QRCodeError/invalidSegmentData(mode:reason:)`` when another character appears.
    public static func numeric(_ digits: String) throws -> QRSegment {
        let bytes = Array(digits.utf8)
        guard bytes.allSatisfy(isDigit) else {
            throw QRCodeError.invalidSegmentData(mode: .numeric, reason: "only the digits 0-9 are allowed")
        }
        return numeric(ascii: bytes[...])
    }

    /// An alphanumeric segment of `text` (digits, A-Z, space and `$%*+-./:`).
    /// - Throws: ``QRCodeError/invalidSegmentData(mode:reason:)`` when another character appears.
    public static func alphanumeric(_ text: String) throws -> QRSegment {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy(isAlphanumeric) else {
            throw QRCodeError.invalidSegmentData(
                mode: .alphanumeric, reason: "only 0-9, A-Z, space and $%*+-./: are allowed")
        }
        return alphanumeric(ascii: bytes[...])
    }

    /// Whether `byte` is an ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Whether `byte` belongs to the alphanumeric mode's character set.
    static func isAlphanumeric(_ byte: UInt8) -> Bool { alphanumericValue[Int(byte)] >= 0 }

    /// Numeric segment of digits already checked by the caller.
    static func numeric(ascii digits: ArraySlice<UInt8>) -> QRSegment {
        var buffer = BitBuffer()
        var index = digits.startIndex
        while index < digits.endIndex {
            let take = min(3, digits.endIndex - index)
            var value = 0
            for offset in 0..<take { value = value * 10 + Int(digits[index + offset] - 0x30) }
            buffer.append(value, length: take * 3 + 1)
            index += take
        }
        return QRSegment(mode: .numeric, characterCount: digits.count, data: buffer)
    }

    /// Alphanumeric segment of characters already checked by the caller.
    static func alphanumeric(ascii text: ArraySlice<UInt8>) -> QRSegment {
        var buffer = BitBuffer()
        var index = text.startIndex
        while index + 1 < text.endIndex {
            let pair =
                Int(alphanumericValue[Int(text[index])]) * 45 + Int(alphanumericValue[Int(text[index + 1])])
            buffer.append(pair, length: 11)
            index += 2
        }
        if index < text.endIndex { buffer.append(Int(alphanumericValue[Int(text[index])]), length: 6) }
        return QRSegment(mode: .alphanumeric, characterCount: text.count, data: buffer)
    }

    /// Total bits of `segments` at `version` with headers, or `nil` when a segment's count
    /// overflows its character count indicator.
    static func totalBits(_ segments: [QRSegment], version: Int) -> Int? {
        var total = 0
        for segment in segments {
            let countBits = segment.mode.characterCountBits(version: version)
            guard segment.mode == .eci || segment.characterCount < 1 << countBits else { return nil }
            total += 4 + countBits + segment.data.count
        }
        return total
    }
}
