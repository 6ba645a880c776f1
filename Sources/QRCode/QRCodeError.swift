/// What can go wrong when encoding a QR Code.
public enum QRCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data needs `neededBits` bits, and the largest allowed version holds only
    /// `availableBits` at the requested error correction level.
    case dataTooLong(neededBits: Int, availableBits: Int, maxVersion: Int, errorCorrection: ErrorCorrection)
    /// A version outside 1...40, or a minimum above the maximum.
    case versionOutOfRange(min: Int, max: Int)
    /// A mask outside 0...7.
    case maskOutOfRange(Int)
    /// A segment whose characters its mode cannot carry (for example a letter in a numeric segment).
    case invalidSegmentData(mode: QRSegment.Mode, reason: String)

    public var description: String {
        switch self {
        case .dataTooLong(let needed, let available, let maxVersion, let level):
            let neededBytes = (needed + 7) / 8
            let availableBytes = available / 8
            return "data too long for a QR code: it needs \(neededBytes) bytes of data codewords "
                + "but version \(maxVersion) at level \(level.rawValue) holds \(availableBytes); "
                + "shorten the text or lower the error correction level"
        case .versionOutOfRange(let min, let max):
            return "QR version range \(min)...\(max) is invalid: versions run from 1 to 40"
        case .maskOutOfRange(let mask):
            return "QR mask \(mask) is invalid: masks run from 0 to 7"
        case .invalidSegmentData(let mode, let reason):
            return "\(mode) segment cannot hold this data: \(reason)"
        }
    }
}
