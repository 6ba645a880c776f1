import ArgumentParser
import Foundation
import KeepsafeFlow
import KeepsafePostgres
import KeepsafeStore

/// Time travel (`--clock`, walkthroughs' `clock` and `advance`) is for sandboxes only:
/// on a real store it would switch off every lockout, code lifetime and rate limit.
enum Sandbox {
    /// The file every complete store has (its format version): a folder without it is no store.
    static let storeMarker = "VERSION"

    /// The one line every refusal ends with.
    static func howTo(_ path: String) -> String {
        CommandWords.text("makeSandbox", ["path": StoreLocation.display(path)])
    }

    /// Opens the store at `path` only if it exists and is a sandbox; otherwise exits 2
    /// with one line naming `keepsafe store init --sandbox`. Creates nothing: a missing
    /// store would be made as a real one, which refuses time travel anyway.
    /// - Throws: exit 2 (not a sandbox, or missing), exit 3 (the store is damaged).
    static func openForTimeTravel(path: String, option: String) throws -> any DocumentStore {
        let isURL = PostgresEndpoint.isURL(path)
        if !isURL, (try? FileManager.default.attributesOfItem(atPath: path + "/" + Sandbox.storeMarker)) == nil {
            throw fail(
                CommandWords.text("noSandboxThere", ["option": option, "path": path, "howTo": howTo(path)]),
                Exit.usage)
        }
        let store: any DocumentStore
        let policy: Policy
        do {
            store = try isURL
                ? StoreLocation.open(path, createIfMissing: false) : FileStore(path: path, createIfMissing: false)
            policy = try store.policy()
        } catch let code as ExitCode {
            throw code
        } catch {
            throw fail("\(error)", Exit.store)
        }
        guard policy.sandbox else {
            let values = ["option": option, "path": StoreLocation.display(path), "howTo": howTo(path)]
            throw fail(CommandWords.text("notSandbox", values), Exit.usage)
        }
        return store
    }
}
