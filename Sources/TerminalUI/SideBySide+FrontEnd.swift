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
        try FrontEnd.fullScreen(configuration, titleKey: "terminal.recording.titleSideBySide") {
            terminal, options in
            var phoneOptions = options
            phoneOptions.portalName = Strings.bundled["terminal.sideBySide.phoneTitle"]
            return SideBySideApp(
                portal: portal, phone: phone, device: terminal, portalOptions: options,
                phoneOptions: phoneOptions)
        }
    }
}
