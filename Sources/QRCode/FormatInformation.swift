/// The BCH-protected format and version information (ISO/IEC 18004, 7.9 and 7.10, annexes C and D).
public enum FormatInformation {
    /// The 15-bit format codeword for five data bits (`level.formatBits << 3 | mask`):
    /// the (15,5) BCH code with generator x¹⁰+x⁸+x⁵+x⁴+x²+x+1 (0x537), XORed with 0x5412
    /// so the codeword is never all light.
    ///
    /// - Parameter data: 0...31.
    public static func codeword(_ data: Int) -> Int {
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return ((data << 10) | remainder) ^ 0x5412
    }

    /// The format codeword for `level` and `mask` (0...7).
    public static func codeword(level: ErrorCorrection, mask: Int) -> Int {
        codeword(level.formatBits << 3 | (mask & 7))
    }

    /// The level and mask that the 15-bit `codeword` carries, correcting up to three bit errors,
    /// or `nil` if it is further than that from every valid codeword.
    public static func decode(_ codeword: Int) -> (level: ErrorCorrection, mask: Int)? {
        var best: (data: Int, distance: Int)?
        for data in 0..<32 {
            let distance = (self.codeword(data) ^ codeword).nonzeroBitCount
            if distance <= 3 && distance < (best?.distance ?? 4) { best = (data, distance) }
        }
        guard let data = best?.data else { return nil }
        return (ErrorCorrection.fromFormatBits(data >> 3), data & 7)
    }

    /// The 18-bit version codeword for `version` (7...40): the (18,6) Golay code with
    /// generator x¹²+x¹¹+x¹⁰+x⁹+x⁸+x⁵+x²+1 (0x1F25).
    public static func versionCodeword(_ version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return (version << 12) | remainder
    }
}
