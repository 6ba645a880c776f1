#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A C `printf` format applied to `arguments` (numbers only): what
/// `String(format:)` did for keepsafe's figures and escapes.
///
///     formatted("%.2f s", 1.5)     // "1.50 s"
///     formatted("\\u%04X", 0x85)   // "\u0085"
public func formatted(_ format: String, _ arguments: any CVarArg...) -> String {
    withVaList(arguments) { list in
        var buffer = [CChar](repeating: 0, count: 128)
        let needed = Int(vsnprintf(&buffer, buffer.count, format, list))
        guard needed >= buffer.count else { return text(buffer) }
        return withVaList(arguments) { again in
            var large = [CChar](repeating: 0, count: needed + 1)
            _ = vsnprintf(&large, large.count, format, again)
            return text(large)
        }
    }
}

/// The text before the first NUL of a C buffer.
private func text(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}

extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line breaks).
    public var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }

    /// The text in Unicode Normalization Form C, so that equal-looking passwords and
    /// names compare equal whatever the keyboard produced.
    public var nfc: String {
        String(decoding: String(self)._nfcCodeUnits, as: UTF8.self)
    }
}
