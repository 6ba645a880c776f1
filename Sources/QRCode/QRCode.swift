/// A QR Code Model 2 symbol (ISO/IEC 18004): an immutable square of dark and light modules.
///
/// Three ways to make one, from the highest level down:
/// - ``encode(text:errorCorrection:minVersion:maxVersion:mask:boostErrorCorrection:)`` and
///   ``encode(bytes:errorCorrection:minVersion:maxVersion:mask:boostErrorCorrection:)``;
/// - ``encode(segments:errorCorrection:minVersion:maxVersion:mask:boostErrorCorrection:)`` for
///   chosen segments;
/// - ``init(version:errorCorrection:dataCodewords:mask:)`` from finished data codewords.
///
///     let code = try QRCode.encode(text: "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP")
///     code[0, 0]   // true (x, y): the top-left finder is dark
public struct QRCode: Sendable, Equatable {
    /// The version, 1...40; the symbol is 17 + 4 × version modules wide.
    public let version: Int
    /// Side length in modules, 21...177, without the quiet zone.
    public let size: Int
    /// The error correction level written in the format information.
    public let errorCorrection: ErrorCorrection
    /// The data mask, 0...7.
    public let mask: Int
    /// Row-major module colours, 1 = dark.
    let modules: [UInt8]

    /// Whether the module at column `x`, row `y` is dark; `false` (light) outside 0..<size,
    /// so callers can read the quiet zone through the same accessor.
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x] != 0
    }

    /// The lowest level: builds the symbol from `dataCodewords`, exactly as many as
    /// `version` holds at `errorCorrection`, adding error correction and choosing the mask.
    ///
    /// - Parameters:
    ///   - version: 1...40.
    ///   - mask: 0...7, or `nil` to take the mask with the lowest penalty (``MaskPenalty``).
    /// - Throws: ``QRCodeError/versionOutOfRange(min:max:)``, ``QRCodeError/maskOutOfRange(_:)``,
    ///   ``QRCodeError/dataTooLong(neededBits:availableBits:maxVersion:errorCorrection:)`` when the
    ///   number of codewords is not the version's capacity.
    public init(version: Int, errorCorrection: ErrorCorrection, dataCodewords: [UInt8], mask: Int? = nil)
        throws
    {
        guard SymbolTables.versions.contains(version) else {
            throw QRCodeError.versionOutOfRange(min: version, max: version)
        }
        if let mask, !(0...7).contains(mask) { throw QRCodeError.maskOutOfRange(mask) }
        let capacity = SymbolTables.dataCodewords(version: version, level: errorCorrection)
        guard dataCodewords.count == capacity else {
            throw QRCodeError.dataTooLong(
                neededBits: dataCodewords.count * 8, availableBits: capacity * 8, maxVersion: version,
                errorCorrection: errorCorrection)
        }
        let codewords = Self.interleavedCodewords(dataCodewords, version: version, level: errorCorrection)
        var matrix = ModuleMatrix(version: version)
        matrix.placeCodewords(codewords)
        let chosen = mask ?? Self.bestMask(for: matrix, level: errorCorrection)
        matrix.applyMask(chosen)
        matrix.drawFormatBits(errorCorrection.formatBits << 3 | chosen)
        self.version = version
        self.size = matrix.size
        self.errorCorrection = errorCorrection
        self.mask = chosen
        self.modules = matrix.modules
    }

    /// Splits the data into the version's blocks, appends each block's Reed-Solomon codewords
    /// and interleaves them (7.6): data codewords column by column, then error correction
    /// codewords column by column. The shorter blocks come first.
    static func interleavedCodewords(_ data: [UInt8], version: Int, level: ErrorCorrection) -> [UInt8] {
        let blocks = SymbolTables.blockCount[level.ordinal][version]
        let eccLength = SymbolTables.eccCodewordsPerBlock[level.ordinal][version]
        let total = SymbolTables.totalCodewords(version: version)
        let longBlocks = total % blocks
        let shortDataLength = total / blocks - eccLength
        let generator = ReedSolomon.cachedGenerator(degree: eccLength)
        var starts: [Int] = []
        var eccBlocks: [[UInt8]] = []
        var offset = 0
        for block in 0..<blocks {
            let length = shortDataLength + (block >= blocks - longBlocks ? 1 : 0)
            starts.append(offset)
            eccBlocks.append(
                ReedSolomon.remainder(of: data[offset..<(offset + length)], generator: generator))
            offset += length
        }
        var result: [UInt8] = []
        result.reserveCapacity(total)
        for column in 0...shortDataLength {
            for block in 0..<blocks where column < shortDataLength || block >= blocks - longBlocks {
                result.append(data[starts[block] + column])
            }
        }
        for column in 0..<eccLength {
            for block in 0..<blocks { result.append(eccBlocks[block][column]) }
        }
        return result
    }
}
