#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A time-based one-time password generator (RFC 6238): HOTP over the number of `period`-second
/// steps since the Unix epoch.
///
///     let totp = try TOTP(secret: Secrets.totpSecret())
///     let code = totp.code(at: Date())
///     totp.verify(code, at: Date())  // .accepted(step: ..., offset: 0)
public struct TOTP: Sendable, Equatable {
    /// The shared secret; never empty.
    public private(set) var secret: [UInt8]
    /// The HMAC hash function.
    public private(set) var algorithm: HashAlgorithm
    /// The code length, 6...8.
    public private(set) var digits: Int
    /// The step length in seconds, at least 1.
    public private(set) var period: Int
    private let hotp: HOTP

    /// The widest verification window accepted, in steps either side; wider requests are narrowed.
    public static let maximumWindow = 10

    /// Makes a generator.
    ///
    /// - Parameters:
    ///   - secret: the shared secret, at least one byte (160 bits recommended).
    ///   - algorithm: the HMAC hash function.
    ///   - digits: the code length, 6...8.
    ///   - period: the step length in seconds, 1 or more.
    /// - Throws: `OTPError` when a parameter is out of range.
    public init(secret: [UInt8], algorithm: HashAlgorithm = .sha1, digits: Int = 6, period: Int = 30) throws {
        guard period >= 1 else { throw OTPError.periodOutOfRange(period) }
        self.hotp = try HOTP(secret: secret, algorithm: algorithm, digits: digits)
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
    }

    public static func == (lhs: TOTP, rhs: TOTP) -> Bool {
        lhs.algorithm == rhs.algorithm && lhs.digits == rhs.digits && lhs.period == rhs.period
            && constantTimeEqual(lhs.secret, rhs.secret)
    }

    /// The step number at `date`: whole periods since 1970-01-01T00:00:00Z (0 for earlier dates).
    public func step(at date: Date) -> UInt64 {
        Self.seconds(at: date) / UInt64(period)
    }

    /// The code shown at `date`.
    public func code(at date: Date) -> String {
        hotp.code(counter: step(at: date))
    }

    /// The code of step number `step`.
    public func code(step: UInt64) -> String {
        hotp.code(counter: step)
    }

    /// Whole seconds until the code shown at `date` changes, 1...period.
    public func secondsRemaining(at date: Date) -> Int {
        period - Int(Self.seconds(at: date) % UInt64(period))
    }

    /// Checks `code` against the steps around `date`.
    ///
    /// Spaces in `code` are ignored; anything else that is not exactly `digits` ASCII digits is
    /// `.invalid`. The current step is tried first, then one step either side, and so on; every
    /// candidate is compared in constant time.
    ///
    /// - Parameters:
    ///   - code: what the person typed.
    ///   - date: now.
    ///   - window: steps either side of now that are accepted, 0...`maximumWindow` (clamped).
    ///   - lastAcceptedStep: the step of the last code accepted for this secret; a match at or
    ///     before it is `.replayed`.
    /// - Returns: which step matched and its offset from now (+1: the device clock is one step
    ///   fast), or why not.
    /// - Complexity: O(window) HMAC computations.
    public func verify(
        _ code: String, at date: Date, window: Int = 1, lastAcceptedStep: UInt64? = nil
    ) -> TOTPVerification {
        let typed = Array(code.utf8.filter { $0 != UInt8(ascii: " ") })
        guard typed.count == digits, typed.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return .invalid }
        let now = step(at: date)
        let reach = max(0, min(window, Self.maximumWindow))
        var offsets = [0]
        for distance in stride(from: 1, through: reach, by: 1) { offsets += [-distance, distance] }
        var replayed: UInt64?
        for offset in offsets {
            let (candidate, overflow) =
                offset < 0
                ? now.subtractingReportingOverflow(UInt64(-offset))
                : now.addingReportingOverflow(UInt64(offset))
            if overflow { continue }
            guard constantTimeEqual(Array(hotp.code(counter: candidate).utf8), typed) else { continue }
            if let floor = lastAcceptedStep, candidate <= floor {
                if replayed == nil { replayed = candidate }
                continue
            }
            return .accepted(step: candidate, offset: offset)
        }
        if let replayed { return .replayed(step: replayed) }
        return .invalid
    }

    /// Whole seconds since the epoch, 0 for earlier dates, saturating far in the future.
    private static func seconds(at date: Date) -> UInt64 {
        let interval = date.timeIntervalSince1970.rounded(.down)
        guard interval > 0 else { return 0 }
        guard interval < 18_000_000_000_000_000_000 else { return UInt64.max }
        return UInt64(interval)
    }
}

/// The outcome of `TOTP.verify`.
public enum TOTPVerification: Sendable, Equatable {
    /// The code matched `step`, `offset` steps from now (+1: the code of the next step, so the
    /// device clock is ahead; -1: behind).
    case accepted(step: UInt64, offset: Int)
    /// The code matched `step`, but that step is at or before the last accepted one.
    case replayed(step: UInt64)
    /// No step in the window matched, or the text is not a code of the right length.
    case invalid
}

extension TOTPVerification {
    /// How far the device's clock seems to be from ours, in seconds (offset × period), for an
    /// accepted code; positive when the device is ahead. `nil` unless accepted.
    ///
    ///     if let skew = result.clockSkew(period: 30), skew != 0 { "about \(abs(skew)) s fast/slow" }
    public func clockSkew(period: Int) -> Int? {
        guard case .accepted(_, let offset) = self else { return nil }
        return offset * period
    }
}
