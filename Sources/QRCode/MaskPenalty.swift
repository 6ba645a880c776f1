/// The mask evaluation of ISO/IEC 18004, 7.8.3 (table 11): the encoder picks the mask whose
/// symbol scores the lowest penalty.
///
/// - N1 = 3: each run of five or more same-colour modules in a row or column scores 3 + (length − 5).
/// - N2 = 3: each 2×2 block of one colour scores 3 (overlapping blocks all count).
/// - N3 = 40: each dark-light-dark-dark-dark-light-dark (1:1:3:1:1) run in a row or column
///   with four light modules before or after it scores 40; modules outside the symbol are
///   light (they are the quiet zone).
/// - N4 = 10: 10 for every full 5 % by which the dark proportion departs from 50 %.
public enum MaskPenalty {
    public static let n1 = 3
    public static let n2 = 3
    public static let n3 = 40
    public static let n4 = 10

    /// The total penalty of a square of modules (row-major, nonzero = dark) of side `size`.
    ///
    /// - Complexity: O(size²).
    public static func score(_ modules: [UInt8], size: Int) -> Int {
        modules.withUnsafeBufferPointer { score($0, size: size) }
    }

    static func score(_ modules: UnsafeBufferPointer<UInt8>, size: Int) -> Int {
        var total = 0
        var dark = 0
        // Rows: runs, finder-like patterns, 2×2 blocks with the next row.
        for y in 0..<size {
            let row = y * size
            total += lineScore(count: size) { modules[row + $0] }
            for x in 0..<size { dark += Int(modules[row + x] & 1) }
            if y + 1 < size {
                let next = row + size
                for x in 0..<(size - 1) {
                    let colour = modules[row + x]
                    if colour == modules[row + x + 1] && colour == modules[next + x]
                        && colour == modules[next + x + 1]
                    {
                        total += n2
                    }
                }
            }
        }
        // Columns: runs and finder-like patterns.
        for x in 0..<size {
            total += lineScore(count: size) { modules[$0 * size + x] }
        }
        return total + balanceScore(dark: dark, total: size * size)
    }

    /// N4: the proportion of dark modules, `dark` of `total`.
    public static func balanceScore(dark: Int, total: Int) -> Int {
        // k full steps of 5 %: |dark/total − 1/2| ≥ k/20  ⇔  |20·dark − 10·total| ≥ k·total.
        let steps = abs(20 * dark - 10 * total) / total
        return steps * n4
    }

    /// N1 and N3 along one line of `count` modules read through `module`.
    @inline(__always)
    private static func lineScore(count: Int, _ module: (Int) -> UInt8) -> Int {
        var score = 0
        var runColour: UInt8 = 2
        var runLength = 0
        // The last 11 modules as bits (newest lowest), starting with four light quiet-zone modules.
        var window: UInt32 = 0
        for index in 0..<count {
            let colour = module(index) & 1
            if colour == runColour {
                runLength += 1
            } else {
                if runLength >= 5 { score += n1 + runLength - 5 }
                runColour = colour
                runLength = 1
            }
            window = ((window << 1) | UInt32(colour)) & 0x7FF
            score += finderPatternScore(window: window, end: index, count: count, module)
        }
        if runLength >= 5 { score += n1 + runLength - 5 }
        // Patterns whose trailing light area lies partly in the quiet zone.
        for extra in 1...4 {
            window = (window << 1) & 0x7FF
            score += finderPatternScore(window: window, end: count - 1 + extra, count: count, module)
        }
        return score
    }

    /// N3 at the window's newest module `end`: a 1:1:3:1:1 core (1011101) counts once, when
    /// it has four light modules before it or, failing that, four light modules after it.
    @inline(__always)
    private static func finderPatternScore(window: UInt32, end: Int, count: Int, _ module: (Int) -> UInt8)
        -> Int
    {
        let core: UInt32 = 0b101_1101
        if window & 0x7F == core && end < count {
            return lightBefore(coreStart: end - 6, module) ? n3 : 0
        }
        if window == core << 4 && !lightBefore(coreStart: end - 10, module) {
            return n3
        }
        return 0
    }

    /// Whether the four modules before `coreStart` are light (outside the symbol is light).
    @inline(__always)
    private static func lightBefore(coreStart: Int, _ module: (Int) -> UInt8) -> Bool {
        for index in (coreStart - 4)..<coreStart where index >= 0 && module(index) & 1 != 0 { return false }
        return true
    }
}
