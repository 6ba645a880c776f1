import ArgumentParser
import Dispatch
import KeepsafeBase
import KeepsafeFlow
import KeepsafePostgres
import KeepsafeStore
import TerminalUI

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The portal itself (the default subcommand): the full-screen curses front end, or
/// numbered prompts with `--plain`.
///
///     keepsafe --store /tmp/demo --device laptop --theme light --record session.cast
struct PortalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: CommandWords.text("abstract.portal"),
        discussion: CommandWords.text("discussion.portal")
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp(CommandWords.text("help.portal.device"), valueName: "NAME"))
    var device: String?

    // Unconditional, so that `--clock -2h` is a value and not an unknown option.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            CommandWords.text("help.portal.clock"),
            valueName: "TIME"))
    var clock: String?

    @OptionGroup var display: DisplayOptions

    @Option(help: ArgumentHelp(CommandWords.text("help.portal.brand"), valueName: "FILE"))
    var brand: String?

    @Flag(help: ArgumentHelp(CommandWords.text("help.portal.withPhone")))
    var withPhone = false

    func run() throws {
        let theme = try display.themeChoice()
        let offset: TimeInterval
        do {
            offset = try ClockOption.offset(clock)
        } catch {
            throw fail("--clock: \(error)", Exit.usage)
        }
        try display.requireTerminal()
        let storePath = storeOptions.path
        let store: any DocumentStore
        if clock != nil {
            store = try Sandbox.openForTimeTravel(path: storePath, option: "--clock")
        } else if PostgresEndpoint.isURL(storePath) {
            store = try StoreLocation.open(storePath, createIfMissing: true)
        } else {
            do {
                // The log-in screen needs no record: the sweep for crash leftovers (a walk of
                // every folder) waits until the first frame is drawn.
                store = try FileStore(path: storePath, sweepingTemporaryFiles: false)
            } catch {
                throw fail("\(error)", Exit.store)
            }
        }
        let isSandbox: Bool
        do { isSandbox = try store.policy().sandbox } catch { throw fail("\(error)", Exit.store) }
        let brand = try loadBrand(storePath: PostgresEndpoint.isURL(storePath) ? nil : storePath)
        let session: PortalSession
        do {
            let environment = PortalEnvironment(
                clock: SystemClock(offset: offset), deviceName: device ?? PortalEnvironment.hostName,
                keyring: try FileKeyring(), brand: brand, storeIdentity: PostgresEndpoint.isURL(storePath) ? store.location : storePath)
            session = try PortalSession(store: store, environment: environment)
        } catch {
            throw fail("\(error)", Exit.store)
        }
        var configuration = FrontEndConfiguration(
            theme: theme, plain: display.plain, recordPath: display.record,
            portalName: isSandbox
                ? Strings.bundled.format("title.sandbox", ["portal": brand.portalName]) : brand.portalName,
            maskSecrets: !isSandbox,
            brandColors: brand.colors)
        let sweep: @Sendable () -> Void = {
            DispatchQueue.global(qos: .utility).async { try? (store as? FileStore)?.sweepTemporaryFiles() }
        }
        configuration.afterFirstFrame = sweep
        configuration.wakeOnChanges(of: store)
        do {
            if withPhone && !display.plain {
                sweep()
                _ = try PhoneBesidePortal.run(
                    portal: session, store: store, clock: SystemClock(offset: offset),
                    configuration: configuration)
            } else {
                _ = try FrontEnd.run(session, configuration: configuration)
            }
        } catch let error as TerminalError {
            throw fail(error.description, Exit.usage)
        } catch let error as AsciicastWriter.Failure {
            throw fail(error.description, Exit.usage)
        }
    }

    /// `--brand FILE`, else `STORE/brand.json` when present, else the bundled brand.
    private func loadBrand(storePath: String?) throws -> Brand {
        do {
            guard let storePath else { return try brand.map { try Brand(contentsOf: $0) } ?? .bundled }
            return try Brand.resolve(file: brand, storePath: storePath)
        } catch {
            throw fail("\(error)", Exit.usage)
        }
    }
}

/// `--clock TIME`: an ISO 8601 instant or a signed offset with a unit (s, m, h, d).
enum ClockOption {
    /// Seconds to add to the real time; nil text is no shift.
    /// - Throws: `TimeValue.Problem` (a usage error) for anything malformed or out of range.
    static func offset(_ text: String?, now: Date = Date()) throws -> TimeInterval {
        guard let text, !text.isEmpty else { return 0 }
        return try TimeValue.clockOffset(text, now: now)
    }
}
