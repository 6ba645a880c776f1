import KeepsafeFlow

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension SideBySideApp {
    /// Runs the portal and the phone side by side in curses, optionally recorded as
    /// asciicast (`configuration.recordPath`); the terminal is restored on return.
    /// `--plain` has no side pane: the caller runs the portal alone then.
    ///
    /// - Throws: `TerminalError` without a usable terminal, `AsciicastWriter.Failure` when
    ///   the recording cannot be created.
    public static func run(
        portal: any ScreenDriver, phone: any ScreenDriver, configuration: FrontEndConfiguration
    ) throws -> TerminalApp.Outcome {
        // Before curses owns the input: the terminal's answer must not reach the key reader.
        let noColour = !(configuration.environment["NO_COLOR"] ?? "").isEmpty
        let theme = noColour ? configuration.theme : BackgroundProbe.resolve(configuration.theme, environment: configuration.environment)
        let terminal = try CursesTerminal()
        defer { terminal.close() }
        let noColor = !(configuration.environment["NO_COLOR"] ?? "").isEmpty
        let palette = Palette(
            theme: theme, colors: terminal.colors, brandColors: configuration.brandColors,
            noColor: noColor)
        terminal.use(palette)
        let portalOptions = ViewOptions(
            portalName: configuration.portalName, unicode: terminal.unicode, monochrome: !palette.qrInColour)
        var phoneOptions = portalOptions
        phoneOptions.portalName = "Phone"
        let app = SideBySideApp(
            portal: portal, phone: phone, device: terminal, portalOptions: portalOptions,
            phoneOptions: phoneOptions)
        var writer: AsciicastWriter?
        if let path = configuration.recordPath {
            let recorder = try AsciicastWriter(
                path: path, size: terminal.size,
                title: "\(configuration.portalName) and the phone (keepsafe --with-phone)",
                environment: configuration.environment.filter { ["TERM", "SHELL"].contains($0.key) })
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
}
