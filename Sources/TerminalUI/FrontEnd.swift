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

/// A full-screen app whose frames can be recorded: the portal alone, or beside the phone.
protocol RecordableApp: AnyObject {
    /// Masks the QR code, the manual key and the recovery code in what `onFrame` gets.
    var recordsRedacted: Bool { get set }
    /// Called with every frame drawn.
    var onFrame: ((Frame) -> Void)? { get set }
    /// Called once, right after the first frame is drawn.
    var afterFirstFrame: (() -> Void)? { get set }
    /// Runs until the flow finishes or the person quits.
    func run() -> TerminalApp.Outcome
    /// Draws the current screen again (after a change of colours).
    func render()
}

extension TerminalApp: RecordableApp {}
extension SideBySideApp: RecordableApp {}

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
        let changes = startWakeup(configuration)
        defer { changes?.stop() }
        return try fullScreen(configuration, titleKey: "terminal.recording.title") { terminal, options in
            let app = TerminalApp(driver: driver, device: terminal, options: options)
            app.changes = changes
            return app
        }
    }

    /// Opens the terminal in the configuration's colours, makes the app for it, records
    /// its frames when `--record` asks (titled with the strings' `titleKey`), runs it and
    /// restores the terminal.
    static func fullScreen(
        _ configuration: FrontEndConfiguration, titleKey: String,
        app makeApp: (CursesTerminal, ViewOptions) -> some RecordableApp
    ) throws -> TerminalApp.Outcome {
        // `auto` from COLORFGBG at once; else the terminal is asked, and the first frame is
        // drawn meanwhile in the colours readable on both backgrounds (no start-up wait on
        // a terminal that never answers), then again in the answer's.
        let theme =
            configuration.noColor
            ? configuration.theme
            : BackgroundProbe.resolveFromEnvironment(configuration.theme, environment: configuration.environment)
        let asks = !configuration.noColor && BackgroundProbe.shouldAsk(theme, environment: configuration.environment)
        let terminal = try CursesTerminal()
        defer { terminal.close() }
        func makePalette(_ theme: ThemeChoice) -> Palette {
            Palette(
                theme: theme, colors: terminal.colors, brandColors: configuration.brandColors,
                noColor: configuration.noColor)
        }
        var palette = makePalette(theme)
        terminal.use(palette)
        if asks { BackgroundProbe.sendQuery() }
        let options = ViewOptions(
            portalName: configuration.portalName, unicode: terminal.unicode, monochrome: !palette.qrInColour)
        let app = makeApp(terminal, options)
        let started = configuration.afterFirstFrame
        app.afterFirstFrame = { [unowned app] in
            // Before the key reader: the answer must not be taken for keys.
            if asks, let light = BackgroundProbe.awaitReply() {
                palette = makePalette(light ? .light : .dark)
                terminal.use(palette)
                app.render()
            }
            started?()
        }
        let writer = try recorder(
            configuration, size: terminal.size,
            title: Strings.bundled.format(titleKey, ["portal": configuration.portalName]), palette: { palette })
        if let writer {
            app.recordsRedacted = configuration.maskSecrets
            app.onFrame = writer.record
        }
        defer { writer?.writer.close() }
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
                title: Strings.bundled.format(
                    "terminal.recording.titlePlain", ["portal": configuration.portalName]),
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
    static func startWakeup(_ configuration: FrontEndConfiguration) -> ChangeWakeup? {
        guard let wait = configuration.waitForChange, let wakeup = ChangeWakeup(wait: wait) else {
            return nil
        }
        wakeup.start()
        return wakeup
    }

    /// The recording `--record` asks for (nil without it): the file, and what draws each
    /// frame into it as the bytes a terminal would receive.
    /// - Throws: `AsciicastWriter.Failure` when the file cannot be created.
    static func recorder(
        _ configuration: FrontEndConfiguration, size: TerminalSize, title: String, palette: @escaping () -> Palette
    ) throws -> (writer: AsciicastWriter, record: (Frame) -> Void)? {
        guard let path = configuration.recordPath else { return nil }
        let writer = try AsciicastWriter(
            path: path, size: size, title: title, environment: recordedEnvironment(configuration.environment))
        var used = palette()
        var encoder = AnsiEncoder(palette: used)
        return (
            writer,
            { frame in
                // The terminal's answer changed the colours: the next frame is drawn whole.
                let current = palette()
                if current.theme != used.theme {
                    used = current
                    encoder = AnsiEncoder(palette: current)
                }
                writer.output(
                    encoder.encode(frame),
                    size: TerminalSize(width: frame.grid.width, height: frame.grid.height))
            }
        )
    }

    private static func recordedEnvironment(_ environment: [String: String]) -> [String: String] {
        environment.filter { ["TERM", "SHELL"].contains($0.key) }
    }
}
