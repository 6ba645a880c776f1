extension QRCode {
    /// The mask (0...7) whose symbol, format information included, has the lowest penalty
    /// (``MaskPenalty``); the lowest-numbered mask wins ties. Called by the raw constructor
    /// when no mask is forced.
    ///
    /// The unmasked symbol is packed into row and column bit lines once; each candidate is
    /// then the data lines XOR the mask's pattern lines (function modules excluded) with its
    /// format bits set, so no candidate is ever drawn module by module.
    ///
    /// - Complexity: O(size²) once, then O(size) line operations per mask.
    static func bestMask(for matrix: ModuleMatrix, level: ErrorCorrection) -> Int {
        let size = matrix.size
        let formatPositions = ModuleMatrix.formatPositions(size: size)
        // The unmasked lines with the format areas light, and the function module lines.
        var unmasked = matrix
        for position in formatPositions {
            unmasked.modules[position.first.y * size + position.first.x] = 0
            unmasked.modules[position.second.y * size + position.second.x] = 0
        }
        let data = unmasked.modules.withUnsafeBufferPointer { BitLines($0, size: size) }
        let function = matrix.isFunction.withUnsafeBufferPointer { BitLines($0, size: size) }
        var best = 0
        var bestScore = Int.max
        var rows = data.rows
        var columns = data.columns
        // Pattern bits beyond the symbol must stay clear: the penalty rules read them as light.
        let inside = BitLine.ones(size)
        let rowFlippable = function.rows.map { ~$0 & inside }
        let columnFlippable = function.columns.map { ~$0 & inside }
        for mask in 0..<8 {
            let rowTiles = MaskPattern.rowLines[mask]
            let columnTiles = MaskPattern.columnLines[mask]
            for index in 0..<size {
                rows[index] = data.rows[index] ^ (rowTiles[index % 12] & rowFlippable[index])
                columns[index] = data.columns[index] ^ (columnTiles[index % 12] & columnFlippable[index])
            }
            let bits = FormatInformation.codeword(level: level, mask: mask)
            for (index, position) in formatPositions.enumerated() where (bits >> index) & 1 != 0 {
                rows[position.first.y].insert(1, at: position.first.x)
                columns[position.first.x].insert(1, at: position.first.y)
                rows[position.second.y].insert(1, at: position.second.x)
                columns[position.second.x].insert(1, at: position.second.y)
            }
            let score = MaskPenalty.score(rows: rows, columns: columns, size: size)
            if score < bestScore {
                best = mask
                bestScore = score
            }
        }
        return best
    }
}

extension MaskPattern {
    /// For each mask and each row index modulo 12, the row's flip pattern as a bit line
    /// (bit x set where the mask flips column x).
    static let rowLines: [[BitLine]] = (0..<8).map { mask in
        (0..<12).map { y in
            var line = BitLine()
            for x in 0..<BitLine.capacity where flips(mask, x: x, y: y) { line.insert(1, at: x) }
            return line
        }
    }

    /// For each mask and each column index modulo 12, the column's flip pattern as a bit line
    /// (bit y set where the mask flips row y).
    static let columnLines: [[BitLine]] = (0..<8).map { mask in
        (0..<12).map { x in
            var line = BitLine()
            for y in 0..<BitLine.capacity where flips(mask, x: x, y: y) { line.insert(1, at: y) }
            return line
        }
    }
}
