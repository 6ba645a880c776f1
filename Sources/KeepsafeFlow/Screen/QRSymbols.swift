import KeepsafeBase
import QRCode

/// The QR symbol of a payload, encoded once while it stays on screen: the terminal lays a
/// screen out again at every key and clock tick, and the text renderer draws the same
/// symbol (choosing the mask is most of an encoding). Both draw exactly this symbol.
public enum QRSymbols {
    /// The symbol for `payload` (error correction L, raised as far as the version allows),
    /// or nil when it is too long for any QR version.
    public static func symbol(for payload: String) -> QRCode? {
        if let last = last.withLock({ $0 }), last.payload == payload { return last.symbol }
        guard let symbol = try? QRCode.encode(text: payload, errorCorrection: .low) else { return nil }
        last.withLock { $0 = (payload, symbol) }
        return symbol
    }

    private static let last = LockedValue<(payload: String, symbol: QRCode)?>(nil)
}
