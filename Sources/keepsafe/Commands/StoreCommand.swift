import ArgumentParser
import KeepsafeFlow
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keepsafe store init | check | export`.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Create, check or export the store.",
        subcommands: [Init.self, Check.self, Export.self]
    )

    /// `store init [--sandbox] [DIR]`: makes a store with the default policy; a sandbox
    /// allows time travel.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a store (folder 0700, the default policy); an existing store is left as it is.",
            discussion: """
                Commands that only read (users list/show, store check/export, phone codes/inbox/mail/pending) \
                never create a store. A store made with --sandbox is for demos and QA: it accepts --clock, \
                walkthroughs and their clock and advance steps, and its recordings keep the QR code, the \
                key and the recovery code. Any other store, the default one included, refuses time travel.
                """)

        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Make a sandbox (time travel allowed; for demos and QA only).") var sandbox = false
        @Argument(
            help: ArgumentHelp(
                "The store folder (default: --store, $KEEPSAFE_STORE, else the XDG location).",
                valueName: "DIR"))
        var directory: String?

        func run() throws {
            var options = storeOptions
            if let directory { options.store = directory }
            if let existing = try? FileStore(path: options.path, createIfMissing: false) {
                let isSandbox = (try? existing.policy().sandbox) ?? false
                if sandbox && !isSandbox {
                    throw fail(
                        "\(options.path): a store is already there and is not a sandbox; it was left as it is (pick a new folder for the sandbox)",
                        Exit.usage)
                }
                AdminOutput.print(
                    "\(Sanitizer.clean(existing.path)): a store already\(isSandbox ? " (sandbox)" : "")")
                return
            }
            var policy = Policy()
            policy.sandbox = sandbox
            do {
                let store = try FileStore(path: options.path, createIfMissing: true, initialPolicy: policy)
                AdminOutput.print(
                    "\(Sanitizer.clean(store.path)): store created\(sandbox ? " (sandbox: time travel allowed)" : "")"
                )
            } catch {
                throw storeFailure(error)
            }
        }
    }

    /// `store check`: validates every document; exit 1 if anything is wrong.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate every document (parse, version, references, permissions).",
            discussion: "Lists every problem, one per line with its file; exits 1 if there is any.")

        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print {\"store\", \"ok\", \"problems\": [{\"file\", \"reason\"}]} as JSON.") var json =
            false

        private struct Report: Encodable {
            var store: String
            var ok: Bool
            var problems: [StoreProblem]
        }

        func run() throws {
            let store = try storeOptions.openStore(existing: true)
            let problems: [StoreProblem]
            do {
                problems = try StoreCheck(store: store).run()
            } catch {
                throw storeFailure(error)
            }
            if json {
                AdminOutput.print(
                    try AdminOutput.json(Report(store: store.path, ok: problems.isEmpty, problems: problems)))
            } else if problems.isEmpty {
                AdminOutput.print("\(Sanitizer.clean(store.path)): no problems")
            } else {
                let lines = problems.map { Sanitizer.clean($0.description) }
                let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
                AdminOutput.print(
                    lines.joined(separator: "\n") + "\n\(Sanitizer.clean(store.path)): \(count)")
            }
            if !problems.isEmpty { throw Exit.failed }
        }
    }

    /// `store export`: the whole store as one JSON document, secrets redacted.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the whole store as one JSON document, secrets redacted (for bug reports).",
            discussion: """
                Password, code and token hashes, TOTP secrets, otpauth URIs and the codes in \
                SMS bodies are replaced by "[redacted]". The output is always JSON.
                """)

        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Accepted for symmetry with the other commands: the export is JSON already.") var json =
            false

        func run() throws {
            let store = try storeOptions.openStore(existing: true)
            let data: Data
            do {
                data = try StoreExport(store: store).document()
            } catch {
                throw storeFailure(error)
            }
            AdminOutput.print(AdminOutput.terminalSafe(String(decoding: data, as: UTF8.self)))
        }
    }
}
