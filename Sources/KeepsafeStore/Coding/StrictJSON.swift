#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Checks that bytes are one JSON text (RFC 8259) whose objects never repeat a name.
///
/// Foundation's parsers take the first of two equal names where Python and jq take the
/// last, so a document with a repeated name means different things to different
/// readers; the store refuses it as corrupt. Names are compared after unescaping
/// (`"a"` and `"\u0061"` are the same name).
///
///     try StrictJSON.validate(Data(#"{"a": 1, "a": 2}"#.utf8))   // throws .duplicateName("a")
///
/// - Complexity: O(n) in the bytes; nesting deeper than `maximumDepth` is refused.
public enum StrictJSON {
    public static let maximumDepth = 128

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case syntax(offset: Int, expected: String)
        case duplicateName(String)
        case tooDeep

        public var description: String {
            switch self {
            case .syntax(let offset, let expected):
                return "not valid JSON: expected \(expected) at byte \(offset)"
            case .duplicateName(let name):
                return "the name \(name.debugDescription) appears twice in one object"
            case .tooDeep: return "nested deeper than \(StrictJSON.maximumDepth) levels"
            }
        }
    }

    public static func validate(_ data: Data) throws(Problem) {
        var scanner = Scanner(bytes: [UInt8](data))
        scanner.skipSpace()
        try scanner.value(depth: 0)
        scanner.skipSpace()
        guard scanner.index == scanner.bytes.count else {
            throw .syntax(offset: scanner.index, expected: "the end")
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(Problem) {
            guard current == byte else { throw .syntax(offset: index, expected: what) }
            index += 1
        }

        mutating func literal(_ word: String) throws(Problem) {
            for byte in word.utf8 { try expect(byte, word) }
        }

        mutating func value(depth: Int) throws(Problem) {
            guard depth < StrictJSON.maximumDepth else { throw .tooDeep }
            switch current {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: try number()
            }
        }

        mutating func object(depth: Int) throws(Problem) {
            var names = Set<String>()
            try members(closedBy: UInt8(ascii: "}"), "',' or '}'") { parser throws(Problem) in
                guard parser.current == UInt8(ascii: "\"") else {
                    throw .syntax(offset: parser.index, expected: "a name")
                }
                let name = try parser.string()
                guard names.insert(name).inserted else { throw .duplicateName(name) }
                parser.skipSpace()
                try parser.expect(UInt8(ascii: ":"), "':'")
                parser.skipSpace()
                try parser.value(depth: depth + 1)
            }
        }

        mutating func array(depth: Int) throws(Problem) {
            try members(closedBy: UInt8(ascii: "]"), "',' or ']'") { parser throws(Problem) in
                try parser.value(depth: depth + 1)
            }
        }

        /// The members of an object or the elements of an array, the opening bracket at
        /// `index`: none when `close` follows at once, else `member` for each, separated by
        /// commas, up to `close` (`expected` names what may follow a member).
        mutating func members(
            closedBy close: UInt8, _ expected: String, _ member: (inout Scanner) throws(Problem) -> Void
        ) throws(Problem) {
            index += 1
            skipSpace()
            if current == close {
                index += 1
                return
            }
            while true {
                skipSpace()
                try member(&self)
                skipSpace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(close, expected)
                return
            }
        }

        /// A string, unescaped; invalid UTF-8 and unpaired surrogates are refused.
        mutating func string() throws(Problem) -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() throws(Problem) {
                guard !raw.isEmpty else { return }
                guard let text = String(validating: raw, as: UTF8.self) else {
                    throw .syntax(offset: index, expected: "UTF-8 text")
                }
                scalars.append(contentsOf: text.unicodeScalars)
                raw.removeAll(keepingCapacity: true)
            }
            while true {
                guard let byte = current else { throw .syntax(offset: index, expected: "'\"'") }
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    try flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    try flush()
                    scalars.append(try escape())
                case 0..<0x20:
                    throw .syntax(offset: index - 1, expected: "an escaped control character")
                default:
                    raw.append(byte)
                }
            }
        }

        mutating func escape() throws(Problem) -> Unicode.Scalar {
            guard let byte = current else { throw .syntax(offset: index, expected: "an escape") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                let first = try hex4()
                if (0xD800..<0xDC00).contains(first) {
                    try expect(UInt8(ascii: "\\"), "a low surrogate")
                    try expect(UInt8(ascii: "u"), "a low surrogate")
                    let second = try hex4()
                    guard (0xDC00..<0xE000).contains(second),
                        let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                    else { throw .syntax(offset: index, expected: "a low surrogate") }
                    return scalar
                }
                guard let scalar = Unicode.Scalar(first) else {
                    throw .syntax(offset: index, expected: "a scalar, not a lone surrogate")
                }
                return scalar
            default:
                throw .syntax(offset: index - 1, expected: "a valid escape")
            }
        }

        mutating func hex4() throws(Problem) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current, let digit = Self.hexValue(byte) else {
                    throw .syntax(offset: index, expected: "a hex digit")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        static func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - 55)
            default: return nil
            }
        }

        mutating func number() throws(Problem) {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            if current == UInt8(ascii: "0") {
                index += 1
            } else {
                guard digits() > 0 else { throw .syntax(offset: start, expected: "a value") }
            }
            if current == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw .syntax(offset: index, expected: "a digit") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw .syntax(offset: index, expected: "a digit") }
            }
            // A number no Double can hold (7E577) is no number to a decoder either.
            guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)), value.isFinite
            else { throw .syntax(offset: start, expected: "a number within the range of a double") }
        }

        mutating func digits() -> Int {
            let start = index
            while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }
    }
}
