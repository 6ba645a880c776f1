/// Writes `bytes` as symbols of `bitsPerSymbol` bits each, most significant bit first,
/// the last symbol filled up with zero bits: the RFC 4648 encodings without `=` padding.
/// Base32 (5 bits) and base64 (6 bits) share it.
///
/// - Parameter alphabet: `1 << bitsPerSymbol` ASCII symbols in value order.
/// - Complexity: O(n).
func encodeBitGroups(_ bytes: some Sequence<UInt8>, bitsPerSymbol: Int, alphabet: [UInt8]) -> String {
    let mask = UInt32(1 << bitsPerSymbol) - 1
    var output: [UInt8] = []
    var buffer: UInt32 = 0
    var bits = 0
    for byte in bytes {
        buffer = (buffer << 8) | UInt32(byte)
        bits += 8
        while bits >= bitsPerSymbol {
            bits -= bitsPerSymbol
            output.append(alphabet[Int((buffer >> UInt32(bits)) & mask)])
        }
        buffer &= (1 << UInt32(bits)) - 1
    }
    if bits > 0 {
        output.append(alphabet[Int((buffer << UInt32(bitsPerSymbol - bits)) & mask)])
    }
    return String(decoding: output, as: UTF8.self)
}
