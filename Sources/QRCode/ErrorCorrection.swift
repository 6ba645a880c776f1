/// The error correction level of a QR Code symbol (ISO/IEC 18004, 7.5.1).
///
/// Higher levels restore more damaged codewords and hold less data:
/// about 7 % (`low`), 15 % (`medium`), 25 % (`quartile`) and 30 % (`high`).
public enum ErrorCorrection: String, Sendable, CaseIterable {
    case low = "L"
    case medium = "M"
    case quartile = "Q"
    case high = "H"

    /// Index into the standard's tables, in the order L, M, Q, H.
    var ordinal: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .quartile: return 2
        case .high: return 3
        }
    }

    /// The two error correction bits of the format information (table 12): L 01, M 00, Q 11, H 10.
    public var formatBits: Int {
        switch self {
        case .low: return 1
        case .medium: return 0
        case .quartile: return 3
        case .high: return 2
        }
    }

    /// The level whose format bits are `bits` (0...3).
    static func fromFormatBits(_ bits: Int) -> ErrorCorrection {
        switch bits & 3 {
        case 1: return .low
        case 0: return .medium
        case 3: return .quartile
        default: return .high
        }
    }

    /// The next stronger level, or `nil` for `high`.
    var stronger: ErrorCorrection? {
        switch self {
        case .low: return .medium
        case .medium: return .quartile
        case .quartile: return .high
        case .high: return nil
        }
    }
}
