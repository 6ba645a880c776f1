/// Something a front end can draw and type into: the portal session, the simulated
/// phone. The ncurses layer and the walkthrough runner drive the flow only through this.
public protocol ScreenDriver: AnyObject {
    /// The current screen model.
    var screen: Screen { get }
    /// Delivers one key press.
    func send(_ key: Key)
    /// Looks at the outside world again (the store, the clock): called about twice a
    /// second while `screen.wantsPolling` is true, and before each redraw.
    func poll()
    /// Requests for the terminal itself, taken once: clipboard copies, the bell.
    func takeTerminalRequests() -> [TerminalRequest]
    /// True once the user has quit; the front end then restores the terminal and exits.
    var isFinished: Bool { get }
}

/// Something only the terminal can do, asked for by the flow.
public enum TerminalRequest: Sendable, Equatable {
    /// Put text on the system clipboard (OSC 52).
    case copyToClipboard(String)
    case bell
}
