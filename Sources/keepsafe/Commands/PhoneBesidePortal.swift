import KeepsafeFlow
import KeepsafeStore
import TerminalUI

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keepsafe --with-phone`: the portal with the simulated phone in a pane beside it.
///
/// The portal command calls this instead of `FrontEnd.run` when `--with-phone` is given
/// (and not `--plain`). The phone uses the portal's clock and store, and its "Scan QR"
/// reads exactly the QR code the portal pane displays, as a camera would.
enum PhoneBesidePortal {
    /// Runs until the portal finishes or Ctrl-C.
    ///
    /// - Throws: like `FrontEnd.run`: `TerminalError`, `AsciicastWriter.Failure`.
    static func run(
        portal: PortalSession, store: any DocumentStore, clock: any FlowClock,
        configuration: FrontEndConfiguration, numbers: [String] = []
    ) throws -> TerminalApp.Outcome {
        let phone = PhoneSession(
            phone: Phone(store: store, clock: clock, numbers: numbers),
            scanner: { [portal] in SideBySideApp.displayedQR(portal) }, allowsQuit: false)
        return try SideBySideApp.run(portal: portal, phone: phone, configuration: configuration)
    }
}
