/// One row or column of up to 192 modules as bits (bit p = module p, 1 = dark), so the
/// mask penalty rules can test every position of a line at once with shifts and masks.
struct BitLine: Sendable, Equatable {
    var w0: UInt64 = 0
    var w1: UInt64 = 0
    var w2: UInt64 = 0

    /// The largest line this holds; version 40 needs 177.
    static let capacity = 192

    /// Bits 0..<count set, 0 ≤ count ≤ 192.
    @inline(__always)
    static func ones(_ count: Int) -> BitLine {
        func word(_ index: Int) -> UInt64 {
            let bits = min(max(count - 64 * index, 0), 64)
            return bits == 64 ? UInt64.max : (UInt64(1) << UInt64(bits)) &- 1
        }
        return BitLine(w0: word(0), w1: word(1), w2: word(2))
    }

    /// Sets bit `index` (0..<192) to `bit` (0 or 1), assuming it was clear.
    @inline(__always)
    mutating func insert(_ bit: UInt64, at index: Int) {
        let shifted = bit << UInt64(index & 63)
        switch index >> 6 {
        case 0: w0 |= shifted
        case 1: w1 |= shifted
        default: w2 |= shifted
        }
    }

    /// Bit p of the result is bit p + k of this line (zeros come in at the top); 1 ≤ k ≤ 63.
    @inline(__always)
    func down(_ k: UInt64) -> BitLine {
        BitLine(w0: (w0 >> k) | (w1 << (64 - k)), w1: (w1 >> k) | (w2 << (64 - k)), w2: w2 >> k)
    }

    /// Bit p of the result is bit p − k of this line; the k lowest bits are `fill` (0 or all
    /// ones: positions before the line start); 1 ≤ k ≤ 63.
    @inline(__always)
    func up(_ k: UInt64, fill: UInt64 = 0) -> BitLine {
        BitLine(
            w0: (w0 << k) | (fill & ((1 << k) - 1)), w1: (w1 << k) | (w0 >> (64 - k)),
            w2: (w2 << k) | (w1 >> (64 - k)))
    }

    @inline(__always)
    var count: Int { w0.nonzeroBitCount + w1.nonzeroBitCount + w2.nonzeroBitCount }

    /// The number of set bits, one step per set bit: faster than ``count`` for the sparse
    /// lines the penalty rules produce where the CPU baseline has no population count instruction.
    @inline(__always)
    var sparseCount: Int { Self.sparseCount(w0) &+ Self.sparseCount(w1) &+ Self.sparseCount(w2) }

    @inline(__always)
    private static func sparseCount(_ word: UInt64) -> Int {
        var word = word
        var result = 0
        while word != 0 {
            word &= word &- 1
            result &+= 1
        }
        return result
    }

    @inline(__always)
    static func & (a: BitLine, b: BitLine) -> BitLine {
        BitLine(w0: a.w0 & b.w0, w1: a.w1 & b.w1, w2: a.w2 & b.w2)
    }

    @inline(__always)
    static func | (a: BitLine, b: BitLine) -> BitLine {
        BitLine(w0: a.w0 | b.w0, w1: a.w1 | b.w1, w2: a.w2 | b.w2)
    }

    @inline(__always)
    static func ^ (a: BitLine, b: BitLine) -> BitLine {
        BitLine(w0: a.w0 ^ b.w0, w1: a.w1 ^ b.w1, w2: a.w2 ^ b.w2)
    }

    @inline(__always)
    static prefix func ~ (a: BitLine) -> BitLine { BitLine(w0: ~a.w0, w1: ~a.w1, w2: ~a.w2) }
}

/// A square of modules as row and column bit lines, what the mask scorer reads.
struct BitLines {
    var rows: [BitLine]
    var columns: [BitLine]

    /// Packs `modules` (row-major, bit 0 = set) of side `size`.
    /// - Precondition: 1 ≤ size ≤ 177 and `modules.count` ≥ size².
    /// - Complexity: O(size²).
    init(_ modules: UnsafeBufferPointer<UInt8>, size: Int) {
        var rows: [BitLine] = []
        rows.reserveCapacity(size)
        var columns = [BitLine](repeating: BitLine(), count: size)
        columns.withUnsafeMutableBufferPointer { columns in
            var index = 0
            for y in 0..<size {
                var row = BitLine()
                for x in 0..<size {
                    let bit = UInt64(modules[index] & 1)
                    row.insert(bit, at: x)
                    columns[x].insert(bit, at: y)
                    index += 1
                }
                rows.append(row)
            }
        }
        self.rows = rows
        self.columns = columns
    }
}
