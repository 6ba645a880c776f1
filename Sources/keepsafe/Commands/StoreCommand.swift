import ArgumentParser
import KeepsafeFlow
import KeepsafePostgres
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
        abstract: CommandWords.text("abstract.store"),
        subcommands: [Init.self, Check.self, Export.self, Migrate.self, Copy.self]
    )

    /// `store init [--sandbox] [DIR|URL]`: makes a store with the default policy; a
    /// sandbox allows time travel.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandWords.text("abstract.store.init"),
            discussion: CommandWords.text("discussion.store.init"))

        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: ArgumentHelp(CommandWords.text("help.store.init.sandbox"))) var sandbox = false
        @Argument(help: ArgumentHelp(CommandWords.text("help.store.init.directory"), valueName: "DIR|URL"))
        var directory: String?

        func run() throws {
            var options = storeOptions
            if let directory { options.store = directory }
            let existing: (any DocumentStore)?
            if PostgresEndpoint.isURL(options.path) {
                let database = try? PostgresStore(url: options.path, migrateIfNeeded: false)
                let version = (try? database?.schemaVersion()) ?? nil
                existing = (version ?? 0) > 0 ? database : nil
            } else {
                existing = try? FileStore(path: options.path, createIfMissing: false)
            }
            if let existing {
                let isSandbox = (try? existing.policy().sandbox) ?? false
                if sandbox && !isSandbox {
                    throw fail(
                        CommandWords.text("storeNotSandbox", ["store": StoreLocation.display(options.path)]),
                        Exit.usage)
                }
                AdminOutput.print(
                    CommandWords.text(
                        isSandbox ? "storeExistsSandbox" : "storeExists",
                        ["store": Sanitizer.clean(existing.location)]))
                return
            }
            var policy = Policy()
            policy.sandbox = sandbox
            let store = try StoreLocation.open(options.path, createIfMissing: true, initialPolicy: policy)
            AdminOutput.print(
                CommandWords.text(
                    sandbox ? "storeCreatedSandbox" : "storeCreated",
                    ["store": Sanitizer.clean(store.location)]))
        }
    }

    /// `store check`: validates every document; exit 1 if anything is wrong.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandWords.text("abstract.store.check"),
            discussion: CommandWords.text("discussion.store.check"))

        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: ArgumentHelp(CommandWords.text("help.store.check.json"))) var json = false

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
                    try AdminOutput.json(Report(store: store.location, ok: problems.isEmpty, problems: problems)))
            } else if problems.isEmpty {
                AdminOutput.print(
                    CommandWords.text("storeCheckClean", ["store": Sanitizer.clean(store.location)]))
            } else {
                let lines = problems.map { Sanitizer.clean($0.description) }
                let count = CommandWords.text(
                    problems.count == 1 ? "storeProblem" : "storeProblems",
                    ["store": Sanitizer.clean(store.location), "count": "\(problems.count)"])
                AdminOutput.print(lines.joined(separator: "\n") + "\n" + count)
            }
            if !problems.isEmpty { throw Exit.failed }
        }
    }

    /// `store export`: the whole store as one JSON document, secrets redacted.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandWords.text("abstract.store.export"),
            discussion: CommandWords.text("discussion.store.export"))

        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: ArgumentHelp(CommandWords.text("help.store.export.json"))) var json = false

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

    /// `store migrate [URL]`: brings a database store's schema to this build's version.
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandWords.text("abstract.store.migrate"),
            discussion: CommandWords.text("discussion.store.migrate"))

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(CommandWords.text("help.store.migrate.location"), valueName: "DIR|URL"))
        var location: String?

        func run() throws {
            var options = storeOptions
            if let location { options.store = location }
            guard PostgresEndpoint.isURL(options.path) else {
                let store = try options.openStore(existing: true)
                AdminOutput.print(
                    CommandWords.text(
                        "storeUpToDate",
                        ["store": Sanitizer.clean(store.location), "format": "\(FileStore.formatVersion)"]))
                return
            }
            do {
                let store = try PostgresStore(url: options.path, migrateIfNeeded: false)
                let (from, to) = try store.migrate()
                AdminOutput.print(
                    CommandWords.text(
                        from == to ? "schemaUpToDate" : "schemaMigrated",
                        ["store": Sanitizer.clean(store.location), "from": "\(from)", "to": "\(to)"]))
            } catch {
                throw storeFailure(error)
            }
        }
    }

    /// `store copy SRC DST`: a whole store into an empty one, folder or database.
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandWords.text("abstract.store.copy"),
            discussion: CommandWords.text("discussion.store.copy"))

        @Argument(help: ArgumentHelp(CommandWords.text("help.store.copy.source"), valueName: "SRC"))
        var source: String
        @Argument(help: ArgumentHelp(CommandWords.text("help.store.copy.destination"), valueName: "DST"))
        var destination: String

        func run() throws {
            let from = try StoreLocation.open(source, createIfMissing: false)
            let to = try StoreLocation.open(destination, createIfMissing: true)
            guard let from = from as? any CollectionListing, let to = to as? any CollectionListing else {
                throw fail(CommandWords.text("storeCopyKinds"), Exit.usage)
            }
            do {
                let counts = try StoreCopy.copy(from: from, to: to)
                let values = [
                    "documents": "\(counts.documents)", "auditLines": "\(counts.auditLines)",
                    "from": Sanitizer.clean(from.location), "to": Sanitizer.clean(to.location),
                ]
                AdminOutput.print(CommandWords.text("storeCopied", values))
            } catch {
                throw storeFailure(error)
            }
        }
    }
}
