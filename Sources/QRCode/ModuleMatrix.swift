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
        for (index, position) in Self.formatPositions(size: size).enumerated() {
            let dark = (bits >> index) & 1 != 0
            setFunction(position.first.x, position.first.y, dark)
            setFunction(position.second.x, position.second.y, dark)
        }
        setFunction(8, size - 8, true)
    }

    /// Where bit i (0 = least significant) of the format codeword goes in each copy: the first
    /// around the top-left finder, the second split between the other two finders.
    static func formatPositions(size: Int) -> [(first: (x: Int, y: Int), second: (x: Int, y: Int))] {
        (0..<15).map { index in
            let first: (x: Int, y: Int)
            switch index {
            case 0...5: first = (8, index)
            case 6: first = (8, 7)
            case 7: first = (8, 8)
            case 8: first = (7, 8)
            default: first = (14 - index, 8)
            }
            let second: (x: Int, y: Int) = index < 8 ? (size - 1 - index, 8) : (8, size - 15 + index)
            return (first, second)
        }
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
    ///
    /// Every pattern repeats every 12 modules both ways, so a 12×12 tile replaces the arithmetic.
    mutating func applyMask(_ mask: Int) {
        let tile = MaskPattern.tiles[mask]
        let size = self.size
        modules.withUnsafeMutableBufferPointer { modules in
            isFunction.withUnsafeBufferPointer { isFunction in
                tile.withUnsafeBufferPointer { tile in
                    var tileRow = 0
                    for y in 0..<size {
                        let row = y * size
                        var tileColumn = 0
                        for x in 0..<size {
                            modules[row + x] ^= tile[tileRow * 12 + tileColumn] & (isFunction[row + x] ^ 1)
                            tileColumn = tileColumn == 11 ? 0 : tileColumn + 1
                        }
                        tileRow = tileRow == 11 ? 0 : tileRow + 1
                    }
                }
            }
        }
    }
}

/// The eight data mask patterns of table 10, with i the row (y) and j the column (x).
enum MaskPattern {
    /// For each mask, a 12×12 tile (row-major, 1 = flip) of its condition; the conditions have
    /// periods 2, 3, 4 and 6, all dividing 12.
    static let tiles: [[UInt8]] = (0..<8).map { mask in
        (0..<144).map { index in flips(mask, x: index % 12, y: index / 12) ? 1 : 0 }
    }

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
