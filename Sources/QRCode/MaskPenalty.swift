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
    // Computed literals rather than stored statics, so the hot loops see constants.
    @inline(__always) public static var n1: Int { 3 }
    @inline(__always) public static var n2: Int { 3 }
    @inline(__always) public static var n3: Int { 40 }
    @inline(__always) public static var n4: Int { 10 }

    /// The total penalty of a square of modules (row-major, nonzero = dark) of side `size`.
    ///
    /// - Complexity: O(size²).
    public static func score(_ modules: [UInt8], size: Int) -> Int {
        modules.withUnsafeBufferPointer { score($0, size: size) }
    }

    /// The scorer behind ``score(_:size:)``: packs rows and columns into bit lines and
    /// scores all positions of a line at once (``lineScore(_:size:)``), with no branches on
    /// module colours (a mask's modules look random, so such branches would mispredict).
    ///
    /// - Precondition: 1 ≤ size ≤ 177 (callers pass symbol sizes).
    static func score(_ modules: UnsafeBufferPointer<UInt8>, size: Int) -> Int {
        let lines = BitLines(modules, size: size)
        return score(rows: lines.rows, columns: lines.columns, size: size)
    }

    /// The total penalty of a symbol given as its rows and its columns.
    static func score(rows: [BitLine], columns: [BitLine], size: Int) -> Int {
        var total = 0
        var dark = 0
        let pairs = BitLine.ones(size - 1)
        var blocks = 0
        for y in 0..<size {
            let row = rows[y]
            total += lineScore(row, size: size)
            dark += row.count
            if y + 1 < size {
                // A 2×2 block at x: row[x] = row[x+1] = next[x] = next[x+1].
                let next = rows[y + 1]
                blocks += (~(row ^ row.down(1)) & ~(row ^ next) & ~(next ^ next.down(1)) & pairs).sparseCount
            }
        }
        for column in columns { total += lineScore(column, size: size) }
        return total + blocks * n2 + balanceScore(dark: dark, total: size * size)
    }

    /// N4: the proportion of dark modules, `dark` of `total`.
    public static func balanceScore(dark: Int, total: Int) -> Int {
        // k full steps of 5 %: |dark/total − 1/2| ≥ k/20  ⇔  |20·dark − 10·total| ≥ k·total.
        let steps = abs(20 * dark - 10 * total) / total
        return steps * n4
    }

    /// N1 and N3 of one line of `size` modules (bits beyond `size` are clear).
    ///
    /// N1: a run of L ≥ 5 holds L − 4 positions that start five equal modules; counting those,
    /// plus 2 for each run's first one, gives 3 + (L − 5).
    /// N3: a core 1011101 starting at p counts once if p−4…p−1 or p+7…p+10 are light;
    /// positions outside the symbol are light (the quiet zone).
    @inline(__always)
    static func lineScore(_ line: BitLine, size: Int) -> Int {
        let equalNext = ~(line ^ line.down(1)) & BitLine.ones(size - 1)
        let fiveEqual = equalNext & equalNext.down(1) & equalNext.down(2) & equalNext.down(3)
        let runStarts = fiveEqual & ~fiveEqual.up(1)
        let light = ~line
        let core =
            line & light.down(1) & line.down(2) & line.down(3) & line.down(4) & light.down(5) & line.down(6)
        let before =
            light.up(1, fill: .max) & light.up(2, fill: .max) & light.up(3, fill: .max)
            & light.up(4, fill: .max)
        let after = light.down(7) & light.down(8) & light.down(9) & light.down(10)
        let patterns = (core & (before | after)).sparseCount
        return fiveEqual.sparseCount + (n1 - 1) * runStarts.sparseCount + patterns * n3
    }
}
