import ArgumentParser
import KeepsafeBase
import KeepsafeFlow
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Options every `keepsafe phone` command shares: the store, which phone, its clock.
struct PhoneOptions: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The phone's name in the store: phones with different names keep separate accounts.",
            valueName: "NAME"))
    var name = "phone"

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "How far the phone's clock runs ahead (or behind: --skew=-1m): seconds, or 90s, 2m.",
            valueName: "DURATION"))
    var skew: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "The time, as the portal's --clock: an ISO 8601 instant or an offset such as +16m.",
            valueName: "TIME"))
    var clock: String?

    /// The clock skew in seconds.
    func skewSeconds() throws -> TimeInterval {
        guard let skew else { return 0 }
        guard let seconds = PhoneTime.duration(skew) else {
            throw fail("--skew: '\(skew)' is not a duration (use 45, 90s, 2m or -1m)", Exit.usage)
        }
        return seconds
    }

    /// The shared clock (the portal's `--clock` semantics): real time, shifted.
    func flowClock() throws -> SystemClock {
        guard let clock else { return SystemClock() }
        guard let offset = PhoneTime.offset(clock, now: Date()) else {
            throw fail(
                "--clock: '\(clock)' is neither an ISO 8601 instant nor an offset such as +16m", Exit.usage)
        }
        return SystemClock(offset: offset)
    }

    /// Opens the store (see `StoreOptions.openStore`); a store failure exits 3.
    func openStore(existing: Bool = false) throws -> any DocumentStore {
        try storeOptions.openStore(existing: existing)
    }

    /// The phone on the store, with this command's clock and skew. A command that only
    /// reads passes `existing`, and never creates a store.
    func phone(numbers: [String] = [], existing: Bool = false) throws -> Phone {
        Phone(
            store: try openStore(existing: existing), clock: try flowClock(), numbers: numbers,
            skew: try skewSeconds(),
            name: name)
    }
}

/// Durations and clock offsets on the command line.
enum PhoneTime {
    /// `45`, `45s`, `2m`, `1h`, with an optional sign; nil when it is none of these.
    static func duration(_ text: String) -> TimeInterval? {
        var rest = Substring(text.trimmingWhitespace)
        var sign = 1.0
        if let first = rest.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        var unit = 1.0
        if let last = rest.last, let scale = ["s": 1.0, "m": 60.0, "h": 3600.0][String(last)] {
            unit = scale
            rest = rest.dropLast()
        }
        guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(rest)
        else { return nil }
        return sign * value * unit
    }

    /// The offset from `now` that `--clock TEXT` asks for: a signed duration (`+16m`), or an
    /// ISO 8601 instant the clock starts from.
    static func offset(_ text: String, now: Date) -> TimeInterval? {
        let trimmed = text.trimmingWhitespace
        if trimmed.hasPrefix("+") || trimmed.hasPrefix("-") { return duration(trimmed) }
        guard let instant = try? OTPCommand.parseTime(trimmed) else { return nil }
        return instant.timeIntervalSince(now)
    }

    /// An instant as ISO 8601 UTC with whole seconds, for JSON output.
    static func iso(_ date: Date) -> String {
        ISO8601.string(from: date)
    }
}

/// Prints `value` as one line of JSON with sorted keys.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Turns a phone failure into one line on stderr and the contract's exit code: bad input
/// is 2, nothing to act on is 1, a store failure is 3.
func phoneFailure(_ error: any Error) -> ExitCode {
    switch error {
    case let error as PhoneError:
        switch error {
        case .unsupportedURI, .noSuchAccount: return fail("\(error)", Exit.usage)
        default: return fail("\(error)", Exit.failed)
        }
    case let error as StoreError: return fail("\(error)", Exit.store)
    case let code as ExitCode: return code
    default: return fail("\(error)", Exit.failed)
    }
}
