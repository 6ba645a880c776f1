/// The square of modules while a symbol is built: module colours and which modules belong
/// to function patterns (finders, timing, alignment, format and version information).
struct ModuleMatrix: Sendable {
    let version: Int
    let size: Int
    /// Row-major, 1 = dark.
    var modules: [UInt8]
    /// Row-major, 1 = function module (never masked, never holds data).
    var isFunction: [UInt8]

    /// A light matrix of `version` with every function pattern drawn, format areas reserved
    /// (light) and, from version 7, the version information placed.
    init(version: Int) {
        self.version = version
        size = SymbolTables.size(of: version)
        modules = [UInt8](repeating: 0, count: size * size)
        isFunction = [UInt8](repeating: 0, count: size * size)
        drawFunctionPatterns()
    }

    subscript(x: Int, y: Int) -> Bool { modules[y * size + x] != 0 }

    mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark ? 1 : 0
        isFunction[y * size + x] = 1
    }

    private mutating func drawFunctionPatterns() {
        // Timing patterns: row 6 and column 6, dark on even coordinates.
        for index in 0..<size {
            setFunction(6, index, index % 2 == 0)
            setFunction(index, 6, index % 2 == 0)
        }
        // Finder patterns with their light separators (drawn over the timing ends).
        drawFinder(centreX: 3, centreY: 3)
        drawFinder(centreX: size - 4, centreY: 3)
        drawFinder(centreX: 3, centreY: size - 4)
        // Alignment patterns everywhere on the grid of centres except the three finder corners.
        let centres = SymbolTables.alignmentCentres[version]
        let last = centres.count - 1
        for (row, y) in centres.enumerated() {
            for (column, x) in centres.enumerated() {
                let onFinder =
                    (row == 0 && column == 0) || (row == 0 && column == last) || (row == last && column == 0)
                if !onFinder { drawAlignment(centreX: x, centreY: y) }
            }
        }
        // Reserve the format areas (filled in once the mask is known) and the dark module.
        drawFormatBits(0)
        drawVersionInformation()
    }

    /// A 7×7 finder and the one-module light separator around it, clipped to the symbol.
    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx
                let y = centreY + dy
                guard x >= 0, x < size, y >= 0, y < size else { continue }
                let distance = max(abs(dx), abs(dy))
                setFunction(x, y, distance != 2 && distance != 4)
            }
        }
    }

    /// A 5×5 alignment pattern: dark ring, light ring, dark centre.
    private mutating func drawAlignment(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(centreX + dx, centreY + dy, max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// Places both copies of the 15-bit format information for `mask` and the level
    /// (`data` = level bits << 3 | mask), and the dark module at (8, size - 8) (7.9, figure 25).
    mutating func drawFormatBits(_ data: Int) {
        let bits = FormatInformation.codeword(data)
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 != 0 }
        // First copy, around the top-left finder.
        for index in 0...5 { setFunction(8, index, bit(index)) }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for index in 9..<15 { setFunction(14 - index, 8, bit(index)) }
        // Second copy, split between the top-right and bottom-left finders.
        for index in 0..<8 { setFunction(size - 1 - index, 8, bit(index)) }
        for index in 8..<15 { setFunction(8, size - 15 + index, bit(index)) }
        setFunction(8, size - 8, true)
    }

    /// The two 6×3 version information blocks, from version 7 (7.10).
    private mutating func drawVersionInformation() {
        guard version >= 7 else { return }
        let bits = FormatInformation.versionCodeword(version)
        for index in 0..<18 {
            let dark = (bits >> index) & 1 != 0
            let near = size - 11 + index % 3
            let far = index / 3
            setFunction(near, far, dark)
            setFunction(far, near, dark)
        }
    }

    /// Places `codewords` (data and error correction, interleaved) in the zig-zag order of 7.7.3:
    /// two-module columns from the right edge, upwards then downwards, skipping column 6 and
    /// every function module. Remainder modules stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let totalBits = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = ((right + 1) & 2) == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for column in 0..<2 {
                    let x = right - column
                    let offset = y * size + x
                    if isFunction[offset] != 0 { continue }
                    if bitIndex < totalBits {
                        modules[offset] = (codewords[bitIndex >> 3] >> UInt8(7 - (bitIndex & 7))) & 1
                        bitIndex += 1
                    }
                }
            }
            right -= 2
        }
    }

    /// Flips every non-function module where mask pattern `mask` (0...7, table 10) holds.
    /// Applying the same mask twice undoes it.
    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where isFunction[y * size + x] == 0 && MaskPattern.flips(mask, x: x, y: y) {
                modules[y * size + x] ^= 1
            }
        }
    }
}

/// The eight data mask patterns of table 10, with i the row (y) and j the column (x).
enum MaskPattern {
    /// Whether mask `mask` (0...7) flips the module at column `x`, row `y`.
    @inline(__always)
    static func flips(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: return (x + y) % 2 == 0
        case 1: return y % 2 == 0
        case 2: return x % 3 == 0
        case 3: return (x + y) % 3 == 0
        case 4: return (x / 3 + y / 2) % 2 == 0
        case 5: return (x * y) % 2 + (x * y) % 3 == 0
        case 6: return ((x * y) % 2 + (x * y) % 3) % 2 == 0
        default: return ((x + y) % 2 + (x * y) % 3) % 2 == 0
        }
    }
}
