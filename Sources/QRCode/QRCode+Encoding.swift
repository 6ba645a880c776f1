extension QRCode {
    /// Encodes `text` (as UTF-8) in the smallest symbol, choosing numeric, alphanumeric and
    /// byte segments to minimise its size (``QRSegment/segments(for:version:)``).
    ///
    /// Text with any non-ASCII character starts with a UTF-8 ECI segment (12 bits), so that
    /// decoders read the bytes as UTF-8 instead of guessing (some guess Shift JIS).
    ///
    /// - Parameters:
    ///   - errorCorrection: the least acceptable level.
    ///   - minVersion, maxVersion: the range of versions to try, within 1...40, min ≤ max.
    ///   - mask: 0...7 to force a mask, `nil` to choose by penalty.
    ///   - boostErrorCorrection: raise the level as far as the data still fits the chosen version.
    /// - Throws: ``QRCodeError/dataTooLong(neededBits:availableBits:maxVersion:errorCorrection:)``,
    ///   ``QRCodeError/versionOutOfRange(min:max:)``, ``QRCodeError/maskOutOfRange(_:)``.
    public static func encode(
        text: String, errorCorrection: ErrorCorrection = .low, minVersion: Int = 1, maxVersion: Int = 40,
        mask: Int? = nil, boostErrorCorrection: Bool = true
    ) throws -> QRCode {
        try checkArguments(minVersion: minVersion, maxVersion: maxVersion, mask: mask)
        let bytes = Array(text.utf8)
        let prefix = bytes.contains { $0 >= 0x80 } ? [try QRSegment.eci(QRSegment.utf8Designator)] : []
        // The optimal segmentation depends only on the count indicator widths: one per group.
        var byGroup: [Int: [QRSegment]] = [:]
        return try encode(
            errorCorrection: errorCorrection, minVersion: minVersion, maxVersion: maxVersion, mask: mask,
            boostErrorCorrection: boostErrorCorrection
        ) { version in
            let group = version <= 9 ? 9 : (version <= 26 ? 26 : 40)
            if let cached = byGroup[group] { return cached }
            let segments = prefix + QRSegment.segments(forBytes: bytes, version: group)
            byGroup[group] = segments
            return segments
        }
    }

    /// Encodes `bytes` as one byte-mode segment in the smallest symbol.
    ///
    /// Parameters and errors as ``encode(text:errorCorrection:minVersion:maxVersion:mask:boostErrorCorrection:)``.
    public static func encode(
        bytes: [UInt8], errorCorrection: ErrorCorrection = .low, minVersion: Int = 1, maxVersion: Int = 40,
        mask: Int? = nil, boostErrorCorrection: Bool = true
    ) throws -> QRCode {
        try encode(
            segments: [QRSegment.bytes(bytes)], errorCorrection: errorCorrection, minVersion: minVersion,
            maxVersion: maxVersion, mask: mask, boostErrorCorrection: boostErrorCorrection)
    }

    /// Encodes `segments` as given, in the smallest symbol from `minVersion` to `maxVersion`.
    ///
    /// Parameters and errors as ``encode(text:errorCorrection:minVersion:maxVersion:mask:boostErrorCorrection:)``.
    public static func encode(
        segments: [QRSegment], errorCorrection: ErrorCorrection = .low, minVersion: Int = 1,
        maxVersion: Int = 40, mask: Int? = nil, boostErrorCorrection: Bool = true
    ) throws -> QRCode {
        try checkArguments(minVersion: minVersion, maxVersion: maxVersion, mask: mask)
        return try encode(
            errorCorrection: errorCorrection, minVersion: minVersion, maxVersion: maxVersion, mask: mask,
            boostErrorCorrection: boostErrorCorrection
        ) { _ in segments }
    }

    private static func checkArguments(minVersion: Int, maxVersion: Int, mask: Int?) throws {
        guard SymbolTables.versions.contains(minVersion), SymbolTables.versions.contains(maxVersion),
            minVersion <= maxVersion
        else { throw QRCodeError.versionOutOfRange(min: minVersion, max: maxVersion) }
        if let mask, !(0...7).contains(mask) { throw QRCodeError.maskOutOfRange(mask) }
    }

    /// Finds the smallest version whose capacity holds the segments `segmentsAt(version)`,
    /// boosts the level, then builds the data codewords (7.4.9: terminator, byte alignment,
    /// pad codewords 11101100 and 00010001 alternately) and the symbol.
    private static func encode(
        errorCorrection: ErrorCorrection, minVersion: Int, maxVersion: Int, mask: Int?,
        boostErrorCorrection: Bool, segmentsAt: (Int) -> [QRSegment]
    ) throws -> QRCode {
        var version = minVersion
        var segments: [QRSegment] = []
        var usedBits = 0
        while true {
            segments = segmentsAt(version)
            let capacity = SymbolTables.dataCodewords(version: version, level: errorCorrection) * 8
            if let bits = QRSegment.totalBits(segments, version: version), bits <= capacity {
                usedBits = bits
                break
            }
            if version >= maxVersion {
                throw QRCodeError.dataTooLong(
                    neededBits: QRSegment.totalBits(segments, version: version) ?? Int.max,
                    availableBits: capacity, maxVersion: maxVersion, errorCorrection: errorCorrection)
            }
            version += 1
        }
        var level = errorCorrection
        if boostErrorCorrection {
            while let stronger = level.stronger,
                usedBits <= SymbolTables.dataCodewords(version: version, level: stronger) * 8
            {
                level = stronger
            }
        }
        var buffer = BitBuffer()
        for segment in segments {
            buffer.append(segment.mode.indicator, length: 4)
            buffer.append(segment.characterCount, length: segment.mode.characterCountBits(version: version))
            buffer.append(contentsOf: segment.data)
        }
        let capacityBits = SymbolTables.dataCodewords(version: version, level: level) * 8
        buffer.append(0, length: min(4, capacityBits - buffer.count))
        buffer.append(0, length: (8 - buffer.count % 8) % 8)
        var codewords = buffer.bytes()
        var pad: UInt8 = 0xEC
        while codewords.count * 8 < capacityBits {
            codewords.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        return try QRCode(version: version, errorCorrection: level, dataCodewords: codewords, mask: mask)
    }
}
