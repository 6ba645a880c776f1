import ArgumentParser
import KeepsafeBase
import KeepsafeFlow
import KeepsafePostgres
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--store DIR|URL`, shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            CommandWords.text("help.storeOptions.store"),
            valueName: "DIR|URL"))
    var store: String?

    /// The store: `--store`, else `KEEPSAFE_STORE`, else the XDG location.
    var path: String { store ?? FileStore.defaultPath() }

    /// Opens the store, creating it with the default policy if it is missing, unless
    /// the command only reads (`existing`): then a missing store is an error.
    /// - Throws: the exit code 3 after one line on stderr naming the file at fault
    ///   ("no store at PATH" for a missing one); exit 2 for a malformed URL.
    func openStore(existing: Bool = false) throws -> any DocumentStore {
        try StoreLocation.open(path, createIfMissing: !existing)
    }
}

/// Opens a store by what `--store` says: a `postgres://` or `postgresql://` URL is a
/// database (the libpq variables PGHOST, PGUSER, PGPASSWORD... fill what it leaves
/// out), anything else a folder.
enum StoreLocation {
    /// - Throws: exit 3 after one line on stderr for a store error, exit 2 for a bad URL.
    static func open(
        _ location: String, createIfMissing: Bool, initialPolicy: Policy = Policy()
    ) throws -> any DocumentStore {
        do {
            if PostgresEndpoint.isURL(location) {
                return try PostgresStore(url: location, createIfMissing: createIfMissing, initialPolicy: initialPolicy)
            }
            return try FileStore(path: location, createIfMissing: createIfMissing, initialPolicy: initialPolicy)
        } catch {
            throw storeFailure(error)
        }
    }

    /// `location` as it may be shown: a URL without its password.
    static func display(_ location: String) -> String {
        guard PostgresEndpoint.isURL(location) else { return location }
        return (try? PostgresEndpoint(url: location).description) ?? "postgres://..."
    }
}

/// Reports a store error on stderr (one line, naming the file) and returns exit 3;
/// a malformed store URL is bad usage (exit 2); any other error is reported as is with
/// exit 3 too, since it came from the store.
func storeFailure(_ error: Error) -> ExitCode {
    if let code = error as? ExitCode { return code }
    if let invalid = error as? PostgresEndpoint.Invalid { return fail(Sanitizer.clean("\(invalid)"), Exit.usage) }
    return fail(Sanitizer.clean("\(error)"), Exit.store)
}

/// Output helpers shared by the administration commands.
enum AdminOutput {
    /// JSON for stdout: sorted keys, pretty, exact timestamps, and every scalar a
    /// terminal could act on (C1 controls, bidi controls) escaped as `\uXXXX`, which
    /// JSON readers decode back to the same text.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = RecordCoder.makeEncoder()
        return terminalSafe(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// `text` (JSON) with terminal-active scalars outside ASCII escaped.
    static func terminalSafe(_ text: String) -> String { Sanitizer.escapeJSON(text) }

    /// `2026-05-01 09:00:00Z`, for people.
    static func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        return ISO8601.readable(date)
    }

    /// Left-aligned columns separated by two spaces; cells are already sanitised.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1
                    ? cell : cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func print(_ text: String) {
        StandardStream.output((text.hasSuffix("\n") ? text : text + "\n"))
    }
}
