/// A terminal the app draws on and reads from: curses for people, a cell buffer for tests.
/// Every method is called from one thread (curses is not thread-safe).
public protocol TerminalDevice: AnyObject {
    /// The current size in cells.
    var size: TerminalSize { get }
    /// Shows `frame` (the device decides how little to send).
    func draw(_ frame: Frame)
    /// The next input, waiting at most `timeout` milliseconds (nil: wait for ever).
    /// Returns nil when the time ran out.
    func readInput(timeout: Int?) -> RawInput?
    /// Like `readInput(timeout:)`, but also returns nil as soon as `wakeup` (a file
    /// descriptor, see `ChangeWakeup`) is readable.
    func readInput(timeout: Int?, wakeup: Int32?) -> RawInput?
    /// Writes an escape sequence the device does not know (OSC 52 clipboard) directly.
    func writeControl(_ sequence: String)
    /// Rings the bell.
    func bell()
}

extension TerminalDevice {
    /// Devices that cannot wait for a descriptor wait for their input only.
    public func readInput(timeout: Int?, wakeup: Int32?) -> RawInput? {
        readInput(timeout: timeout)
    }
}

/// A terminal in memory: the frame drawn last, inputs queued by a test, controls written.
/// The deterministic stand-in for curses, in the style of an embedded event loop.
public final class HeadlessTerminal: TerminalDevice {
    public var size: TerminalSize
    /// The last frame drawn.
    public private(set) var frame: Frame?
    /// How many frames were drawn.
    public private(set) var drawCount = 0
    /// Inputs still to deliver, first first.
    public var pendingInput: [RawInput] = []
    /// Control sequences written, in order.
    public private(set) var controls: [String] = []
    public private(set) var bells = 0
    /// Called when the input queue is empty and the app waits without a timeout: a test
    /// can stop the loop by queueing Ctrl-C here.
    public var onIdle: ((HeadlessTerminal) -> Void)?
    /// How many times `readInput` ran out of time (polls).
    public private(set) var timeouts = 0

    public init(width: Int, height: Int) { size = TerminalSize(width: width, height: height) }

    public func draw(_ frame: Frame) {
        self.frame = frame
        drawCount += 1
    }

    public func readInput(timeout: Int?) -> RawInput? {
        if pendingInput.isEmpty { onIdle?(self) }
        if pendingInput.isEmpty {
            // Nothing left: a polling screen gets its timeouts, then everything ends
            // with Ctrl-C so a test can never hang.
            if timeout != nil && timeouts < 10_000 {
                timeouts += 1
                return nil
            }
            return .character(0x03)
        }
        return pendingInput.removeFirst()
    }

    public func writeControl(_ sequence: String) { controls.append(sequence) }

    public func bell() { bells += 1 }

    /// The visible text, one string per row, trailing spaces removed.
    public var lines: [String] { frame?.grid.lines ?? [] }

    /// Queues `text` as typed characters.
    public func type(_ text: String) {
        pendingInput += text.unicodeScalars.map { .character($0.value) }
    }
}
