/// A growable sequence of bits, most significant bit first, as the data stream is built.
struct BitBuffer: Sendable, Equatable {
    /// One bit per element (0 or 1); simple and fast enough for symbols of at most 23,648 bits.
    private(set) var bits: [UInt8] = []

    var count: Int { bits.count }

    init() { bits.reserveCapacity(1024) }

    /// Appends the low `length` bits of `value`, most significant first.
    /// - Precondition: 0 ≤ length ≤ 31 and `value` fits in `length` bits (callers guarantee it).
    mutating func append(_ value: Int, length: Int) {
        var shift = length - 1
        while shift >= 0 {
            bits.append(UInt8((value >> shift) & 1))
            shift -= 1
        }
    }

    mutating func append(contentsOf other: BitBuffer) {
        bits.append(contentsOf: other.bits)
    }

    /// Packs the bits into bytes, the first bit being the top bit of the first byte;
    /// a last partial byte is padded with zero bits.
    func bytes() -> [UInt8] {
        var result = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (index, bit) in bits.enumerated() where bit != 0 {
            result[index >> 3] |= 0x80 >> UInt8(index & 7)
        }
        return result
    }
}
