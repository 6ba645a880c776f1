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

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.phoneOptions.name"), valueName: "NAME"))
    var name = "phone"

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            CommandWords.text("help.phoneOptions.skew"),
            valueName: "DURATION"))
    var skew: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            CommandWords.text("help.phoneOptions.clock"),
            valueName: "TIME"))
    var clock: String?

    /// The clock skew in seconds.
    func skewSeconds() throws -> TimeInterval {
        guard let skew else { return 0 }
        do {
            return try TimeValue.duration(skew)
        } catch {
            throw fail("--skew: \(error)", Exit.usage)
        }
    }

    /// The shared clock (the portal's `--clock` semantics): real time, shifted.
    func flowClock() throws -> SystemClock {
        guard let clock else { return SystemClock() }
        do {
            return SystemClock(offset: try TimeValue.clockOffset(clock, now: Date()))
        } catch {
            throw fail("--clock: \(error)", Exit.usage)
        }
    }

    /// Opens the store (see `StoreOptions.openStore`); a store failure exits 3. With
    /// `--clock`, only an existing sandbox store is opened (exit 2 otherwise).
    func openStore(existing: Bool = false) throws -> any DocumentStore {
        if clock != nil { return try Sandbox.openForTimeTravel(path: storeOptions.path, option: "--clock") }
        return try storeOptions.openStore(existing: existing)
    }

    /// The phone on the store, with this command's clock and skew. A command that only
    /// reads passes `existing`, and never creates a store.
    func phone(numbers: [String] = [], existing: Bool = false) throws -> Phone {
        try phoneAndStore(numbers: numbers, existing: existing).phone
    }

    /// `phone(numbers:existing:)` and the store it is on.
    func phoneAndStore(numbers: [String] = [], existing: Bool = false) throws -> (
        phone: Phone, store: any DocumentStore
    ) {
        // Every value is checked before the store is opened.
        let clock = try flowClock()
        let skew = try skewSeconds()
        let store = try openStore(existing: existing)
        return (Phone(store: store, clock: clock, numbers: numbers, skew: skew, name: name), store)
    }
}

/// Durations and clock offsets on the command line.
enum PhoneTime {
    /// An instant as ISO 8601 UTC with whole seconds, for JSON output.
    static func iso(_ date: Date) -> String {
        ISO8601.string(from: date)
    }
}

/// Prints `value` as one line of JSON with sorted keys.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Names and message bodies come from outside: C1 and bidi controls (U+202E) become
    // \u escapes, so the JSON stays the same for readers and inert on a terminal.
    print(Sanitizer.escapeJSON(String(decoding: try encoder.encode(value), as: UTF8.self)))
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
