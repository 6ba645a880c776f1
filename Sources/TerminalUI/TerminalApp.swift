import KeepsafeFlow

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The event loop: draws the driver's screen, decodes input, feeds keys to the driver,
/// polls it while a screen waits for the phone, and handles what only the terminal does
/// (QR view toggles, scrolling, clipboard, Ctrl-C). No flow logic lives here.
public final class TerminalApp {
    /// Why the loop ended.
    public enum Outcome: Sendable, Equatable {
        /// The user quit through the flow.
        case finished
        /// Ctrl-C.
        case interrupted
    }

    private let driver: any ScreenDriver
    private let device: any TerminalDevice
    public private(set) var options: ViewOptions
    /// Called with each frame after it is drawn (asciicast recording).
    public var onFrame: ((Frame) -> Void)?
    /// `onFrame` gets the screen with its QR code, key and recovery code masked
    /// (recordings of stores that are not sandboxes), laid out the same way.
    public var recordsRedacted = false
    /// Called once, right after the first frame is drawn: start-up work the first
    /// screen does not need waits for it.
    public var afterFirstFrame: (() -> Void)?
    /// Milliseconds between polls while the screen waits for the outside world.
    public var pollInterval = 500
    /// Wakes a waiting screen as soon as the store reports a change (the database
    /// engine's notifications), between polls.
    public var changes: ChangeWakeup?
    private var lastScreenID: String?

    public init(driver: any ScreenDriver, device: any TerminalDevice, options: ViewOptions) {
        self.driver = driver
        self.device = device
        self.options = options
    }

    /// Runs until the flow finishes or the user presses Ctrl-C.
    public func run() -> Outcome {
        driver.poll()
        render()
        afterFirstFrame?()
        afterFirstFrame = nil
        while !driver.isFinished {
            let polling = driver.screen.wantsPolling
            guard
                let input = device.readInput(
                    timeout: polling ? pollInterval : nil, wakeup: polling ? changes?.descriptor : nil)
            else {
                changes?.drain()
                driver.poll()
                render()
                continue
            }
            guard let event = KeyDecoder.decode(input) else { continue }
            if event == .interrupt { return .interrupted }
            handle(event)
            if driver.isFinished { break }
            driver.poll()
            render()
        }
        return .finished
    }

    /// Applies one event: view toggles stay here, keys go to the driver.
    func handle(_ event: InputEvent) {
        let screen = driver.screen
        let showsQR = screen.elements.contains { if case .qr = $0 { true } else { false } }
        switch event {
        case .interrupt, .resize, .redraw:
            return
        case .invertQR:
            if showsQR { options.qrInverted.toggle() }
        case .switchQRStyle:
            if showsQR { options.qrTwoColumns.toggle() }
        case .scrollUp:
            scroll(to: max(0, options.scroll - pageSize))
        case .scrollDown:
            scroll(to: options.scroll + pageSize)
        case .key(let key):
            if showsQR && !focusIsTextField(screen) {
                if key == .character("i") {
                    options.qrInverted.toggle()
                    return
                }
                if key == .character("f") {
                    options.qrTwoColumns.toggle()
                    return
                }
            }
            // Home and End scroll where they have no meaning for the focused control.
            if (key == .home || key == .end) && !focusIsTextField(screen) {
                scroll(to: key == .home ? 0 : Int.max / 2)
                return
            }
            driver.send(key)
            let after = driver.screen
            if after == screen && (key == .up || key == .down) {
                // Nothing to move to: the arrows scroll a line instead.
                scroll(to: max(0, options.scroll + (key == .up ? -1 : 1)))
            } else {
                options.revealFocus = true
            }
        }
    }

    /// Scrolls the view to `row` (clamped by the layout); the focus stays where it is.
    private func scroll(to row: Int) {
        options.scroll = row
        options.revealFocus = false
    }

    private var pageSize: Int { max(1, device.size.height - 4) }

    private func focusIsTextField(_ screen: Screen) -> Bool {
        guard let focus = screen.focus else { return false }
        return screen.elements.contains { element in
            if case .field(let field) = element { return field.id == focus && field.editable }
            if case .list(let list) = element { return list.id == focus }
            return false
        }
    }

    /// Lays out the current screen for the device's size and draws it.
    func render() {
        for request in driver.takeTerminalRequests() {
            switch request {
            case .copyToClipboard(let text): device.writeControl(Clipboard.osc52(text))
            case .bell: device.bell()
            }
        }
        let screen = driver.screen
        if screen.id != lastScreenID {
            // A new screen starts at the top with the default QR view; a focused control
            // below the fold is pinned to the bottom until the user reaches it.
            options.scroll = 0
            options.revealFocus = false
            options.qrInverted = false
            lastScreenID = screen.id
        }
        let size = device.size
        let frame = Layout.frame(screen, width: size.width, height: size.height, options: options)
        options.scroll = frame.scroll
        // Polls and redraws keep the view where it is; the next key may move it again.
        options.revealFocus = false
        device.draw(frame)
        if let onFrame {
            onFrame(
                recordsRedacted
                    ? Layout.frame(
                        screen.redactedForRecording(), width: size.width, height: size.height,
                        options: options)
                    : frame)
        }
    }
}

/// The OSC 52 clipboard escape.
public enum Clipboard {
    /// `ESC ] 52 ; c ; base64(text) BEL`: terminals that allow it put `text` on the clipboard.
    public static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }
}
