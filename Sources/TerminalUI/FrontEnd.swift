import KeepsafeBase
import KeepsafeFlow

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

/// How the portal command wants the front end: from its options and the environment.
public struct FrontEndConfiguration: Sendable {
    public var theme: ThemeChoice
    /// `--plain`: numbered prompts on stdin/stdout instead of curses.
    public var plain: Bool
    /// `--record FILE.cast`.
    public var recordPath: String?
    /// The title bar text (the brand's portal name).
    public var portalName: String
    /// The brand's colours by role, `#rrggbb`.
    public var brandColors: [String: String]
    /// The process environment (`NO_COLOR`, `TERM`, `SHELL`).
    public var environment: [String: String]
    /// Recordings mask the QR code, the manual key and the recovery code (true unless
    /// the store is a sandbox).
    public var maskSecrets: Bool
    /// Work that can wait until the first screen is shown (called once, after it).
    public var afterFirstFrame: (@Sendable () -> Void)?
    /// Blocks until the store reports a change (true) or the timeout in seconds passes
    /// (false): set for a store that notifies (the database engine), so a screen waiting
    /// for the phone moves on at once. Without it, waiting screens poll twice a second.
    public var waitForChange: (@Sendable (_ timeout: Double) -> Bool)?

    public init(
        theme: ThemeChoice, plain: Bool, recordPath: String?, portalName: String,
        maskSecrets: Bool = true, brandColors: [String: String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.theme = theme
        self.plain = plain
        self.recordPath = recordPath
        self.maskSecrets = maskSecrets
        self.portalName = portalName
        self.brandColors = brandColors
        self.environment = environment
    }

    /// `NO_COLOR` set to anything non-empty (no-color.org).
    var noColor: Bool { !(environment["NO_COLOR"] ?? "").isEmpty }
}

/// Runs a screen driver for a person: full screen through curses, or `--plain` prompts,
/// optionally recorded as asciicast.
public enum FrontEnd {
    /// Runs until the flow finishes or the user quits; the terminal is restored on return.
    ///
    /// - Throws: `TerminalError` when there is no usable terminal (not for `--plain`),
    ///   `AsciicastWriter.Failure` when the recording cannot be created.
    public static func run(_ driver: any ScreenDriver, configuration: FrontEndConfiguration) throws
        -> TerminalApp.Outcome
    {
        if configuration.plain { return try runPlain(driver, configuration: configuration) }
        // Before curses owns the input: the terminal's answer must not reach the key reader.
        let noColour = !(configuration.environment["NO_COLOR"] ?? "").isEmpty
        let theme = noColour ? configuration.theme : BackgroundProbe.resolve(configuration.theme, environment: configuration.environment)
        let terminal = try CursesTerminal()
        defer { terminal.close() }
        let palette = Palette(
            theme: theme, colors: terminal.colors, brandColors: configuration.brandColors,
            noColor: configuration.noColor)
        terminal.use(palette)
        let options = ViewOptions(
            portalName: configuration.portalName, unicode: terminal.unicode, monochrome: !palette.qrInColour)
        let app = TerminalApp(driver: driver, device: terminal, options: options)
        app.afterFirstFrame = configuration.afterFirstFrame
        app.changes = startWakeup(configuration)
        defer { app.changes?.stop() }
        var writer: AsciicastWriter?
        if let path = configuration.recordPath {
            let recorder = try AsciicastWriter(
                path: path, size: terminal.size, title: "\(configuration.portalName) (keepsafe)",
                environment: recordedEnvironment(configuration.environment))
            var encoder = AnsiEncoder(palette: palette)
            app.recordsRedacted = configuration.maskSecrets
            app.onFrame = { frame in
                recorder.output(
                    encoder.encode(frame),
                    size: TerminalSize(width: frame.grid.width, height: frame.grid.height))
            }
            writer = recorder
        }
        defer { writer?.close() }
        return app.run()
    }

    private static func runPlain(_ driver: any ScreenDriver, configuration: FrontEndConfiguration) throws
        -> TerminalApp.Outcome
    {
        setlocale(LC_ALL, "")
        let utf8 =
            ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { configuration.environment[$0] }
            .first { !$0.isEmpty }.map {
                $0.uppercased().contains("UTF-8") || $0.uppercased().contains("UTF8")
            } ?? false
        let term = configuration.environment["TERM"] ?? ""
        // NO_COLOR is about decoration: the QR keeps its explicit black and white.
        let colour =
            isatty(STDOUT_FILENO) == 1 && configuration.theme != .mono
            && !["", "dumb"].contains(term)
        var writer: AsciicastWriter?
        if let path = configuration.recordPath {
            writer = try AsciicastWriter(
                path: path, size: TerminalSize(width: 80, height: 24),
                title: "\(configuration.portalName) (keepsafe --plain)",
                environment: recordedEnvironment(configuration.environment))
        }
        defer { writer?.close() }
        let record: ((String) -> Void)? = writer.map { writer in
            { text in
                writer.output(text.replacing("\n", with: "\r\n"), size: TerminalSize(width: 80, height: 24))
            }
        }
        let console = PlainConsole(
            driver: driver, ascii: !utf8, colourQR: colour, record: record,
            redactRecording: configuration.maskSecrets
        ) { text in
            StandardStream.output(text)
        }
        console.changes = startWakeup(configuration)
        defer { console.changes?.stop() }
        configuration.afterFirstFrame?()
        return console.run()
    }

    /// The wake-up of a store that notifies its changes, started.
    private static func startWakeup(_ configuration: FrontEndConfiguration) -> ChangeWakeup? {
        guard let wait = configuration.waitForChange, let wakeup = ChangeWakeup(wait: wait) else {
            return nil
        }
        wakeup.start()
        return wakeup
    }

    private static func recordedEnvironment(_ environment: [String: String]) -> [String: String] {
        environment.filter { ["TERM", "SHELL"].contains($0.key) }
    }
}
