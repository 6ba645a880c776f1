import KeepsafeFlow

/// The portal and the simulated phone in one terminal (`keepsafe --with-phone`): the
/// portal on the left, a phone-sized pane on the right, each laid out by the same
/// `Layout` as when it runs alone. F6 (or Ctrl-W) moves the keyboard between the panes;
/// the status line of the pane with the keyboard says so.
///
/// Below `minimumWidth` columns only the pane with the keyboard is drawn, full width, and
/// its status line says how wide the terminal must be for both.
public final class SideBySideApp {
    /// Which pane receives the keys.
    public enum Pane: Sendable, Equatable {
        case portal, phone
    }

    /// The narrowest terminal that shows both panes: 80 for the portal, 40 for the phone.
    public static let minimumWidth = 120
    /// The phone pane's width range.
    static let phoneWidths = 40...50

    /// `F6` in curses' key codes, and Ctrl-W outside a text field (in a field it erases
    /// the word before the cursor, as in a shell): the pane switch.
    static let switchKeyCode: Int32 = KeyDecoder.keyF0 + 6
    static let switchCharacter: UInt32 = 0x17
    /// How the switch key is named in the status line.
    static let switchKeyName = "F6"

    /// True when the active pane's focus is on a text field (Ctrl-W erases a word there).
    private var activeFieldIsEditable: Bool {
        let screen = (active == .portal ? portalDriver : phoneDriver).screen
        guard let focus = screen.focus, case .field(let field)? = screen.elements.first(where: { $0.focusID == focus })
        else { return false }
        return field.editable
    }

    private let portalDriver: any ScreenDriver
    private let phoneDriver: any ScreenDriver
    private let device: any TerminalDevice
    private let portalPane: PaneDevice
    private let phonePane: PaneDevice
    private let portalApp: TerminalApp
    private let phoneApp: TerminalApp
    /// The pane with the keyboard.
    public private(set) var active: Pane = .portal
    /// Called with each composed frame after it is drawn (asciicast recording).
    public var onFrame: ((Frame) -> Void)?
    /// Called once, right after the first frame is drawn.
    public var afterFirstFrame: (() -> Void)?
    /// `onFrame` gets the portal pane with its QR code, key and recovery code masked
    /// (recordings of stores that are not sandboxes).
    public var recordsRedacted = false {
        didSet {
            portalApp.recordsRedacted = recordsRedacted
            portalApp.onFrame = recordsRedacted ? { [weak self] frame in self?.redactedPortal = frame } : nil
        }
    }
    /// The portal pane as the recording shows it, when `recordsRedacted`.
    private var redactedPortal: Frame?
    /// Milliseconds between polls: the phone always watches the store.
    public var pollInterval = 500

    /// - Parameters:
    ///   - portal: the portal session (its end ends the app).
    ///   - phone: the phone's driver; it should not finish on its own.
    ///   - portalOptions, phoneOptions: view options for each pane (the title bar names).
    public init(
        portal: any ScreenDriver, phone: any ScreenDriver, device: any TerminalDevice,
        portalOptions: ViewOptions, phoneOptions: ViewOptions
    ) {
        portalDriver = portal
        phoneDriver = phone
        self.device = device
        portalPane = PaneDevice(parent: device)
        phonePane = PaneDevice(parent: device)
        let activeBox = ActivePane()
        self.activeBox = activeBox
        portalApp = TerminalApp(
            driver: PaneDriver(portal, pane: .portal, active: activeBox), device: portalPane,
            options: portalOptions)
        phoneApp = TerminalApp(
            driver: PaneDriver(phone, pane: .phone, active: activeBox), device: phonePane,
            options: phoneOptions)
    }

    private let activeBox: ActivePane

    /// Runs until the portal finishes or the user presses Ctrl-C.
    public func run() -> TerminalApp.Outcome {
        pollBoth()
        render()
        afterFirstFrame?()
        afterFirstFrame = nil
        while !portalDriver.isFinished {
            guard let input = device.readInput(timeout: pollInterval) else {
                pollBoth()
                render()
                continue
            }
            if input == .keyCode(Self.switchKeyCode)
                || (input == .character(Self.switchCharacter) && !activeFieldIsEditable)
            {
                switchPane()
                render()
                continue
            }
            guard let event = KeyDecoder.decode(input) else { continue }
            if event == .interrupt { return .interrupted }
            (active == .portal ? portalApp : phoneApp).handle(event)
            if portalDriver.isFinished { break }
            if phoneDriver.isFinished { active = .portal }
            pollBoth()
            render()
        }
        return .finished
    }

    /// What `driver` shows as a QR code now, if anything: what the phone's camera would
    /// see when the phone "scans" the portal beside it.
    public static func displayedQR(_ driver: any ScreenDriver) -> String? {
        for case .qr(let block) in driver.screen.elements { return block.payload }
        return nil
    }

    /// Moves the keyboard to the other pane.
    public func switchPane() {
        active = active == .portal ? .phone : .portal
        activeBox.pane = active
    }

    private func pollBoth() {
        portalDriver.poll()
        phoneDriver.poll()
    }

    /// Lays out both panes (or the active one when narrow) and draws the composition.
    func render() {
        activeBox.pane = active
        let size = device.size
        activeBox.narrowWidth = size.width < Self.minimumWidth ? size.width : nil
        let frame: Frame
        let recorded: Frame
        let redact = recordsRedacted && onFrame != nil
        if size.width < Self.minimumWidth {
            let pane = active == .portal ? portalPane : phonePane
            pane.size = size
            (active == .portal ? portalApp : phoneApp).render()
            frame = pane.frame ?? Frame.blank(size)
            recorded = redact && active == .portal ? redactedPortal ?? frame : frame
        } else {
            let phoneWidth = min(
                Self.phoneWidths.upperBound, max(Self.phoneWidths.lowerBound, size.width - 80))
            portalPane.size = TerminalSize(width: size.width - phoneWidth, height: size.height)
            phonePane.size = TerminalSize(width: phoneWidth, height: size.height)
            portalApp.render()
            phoneApp.render()
            frame = compose(size: size, phoneWidth: phoneWidth)
            recorded =
                redact ? compose(size: size, phoneWidth: phoneWidth, portalFrame: redactedPortal) : frame
        }
        device.draw(frame)
        onFrame?(recorded)
    }

    /// Both panes in one frame; `portalFrame` stands in for the portal pane's own frame
    /// (the masked one, for a recording).
    private func compose(size: TerminalSize, phoneWidth: Int, portalFrame: Frame? = nil) -> Frame {
        var grid = CellGrid(width: size.width, height: size.height)
        let portalWidth = size.width - phoneWidth
        let panes: [(PaneDevice, Int, Pane)] = [(portalPane, 0, .portal), (phonePane, portalWidth, .phone)]
        var cursor: CellPoint?
        for (pane, left, which) in panes {
            guard let frame = which == .portal ? portalFrame ?? pane.frame : pane.frame else { continue }
            for y in 0..<min(size.height, frame.grid.height) {
                for x in 0..<frame.grid.width { grid[left + x, y] = frame.grid[x, y] }
            }
            if which != active {
                // The pane without the keyboard has a dimmed title bar.
                grid.paint(role: .dim, x: left, y: 0, count: frame.grid.width)
            } else if let caret = frame.cursor {
                cursor = CellPoint(x: left + caret.x, y: caret.y)
            }
        }
        let activeFrame = (active == .portal ? portalPane : phonePane).frame
        return Frame(
            grid: grid, cursor: cursor, needed: nil, scroll: activeFrame?.scroll ?? 0,
            maxScroll: activeFrame?.maxScroll ?? 0, showsQR: activeFrame?.showsQR ?? false,
            page: activeFrame?.page ?? 1)
    }
}

/// Which pane has the keyboard, shared with the drivers' status lines.
final class ActivePane {
    var pane: SideBySideApp.Pane = .portal
    /// Set when the terminal is too narrow for both panes: its width.
    var narrowWidth: Int?
}

/// A driver seen through a pane: the same screens, with the pane switch named in the
/// status line.
final class PaneDriver: ScreenDriver {
    private let driver: any ScreenDriver
    private let pane: SideBySideApp.Pane
    private let active: ActivePane

    init(_ driver: any ScreenDriver, pane: SideBySideApp.Pane, active: ActivePane) {
        self.driver = driver
        self.pane = pane
        self.active = active
    }

    var screen: Screen {
        var screen = driver.screen
        let words = Strings.bundled
        let switchKey = ["key": SideBySideApp.switchKeyName]
        var prefix =
            active.pane != pane
            ? words.format("terminal.sideBySide.toUse", switchKey)
            : words.format(
                pane == .portal ? "terminal.sideBySide.toPhone" : "terminal.sideBySide.toPortal", switchKey)
        prefix += " · "
        if let width = active.narrowWidth {
            let columns = ["columns": "\(SideBySideApp.minimumWidth)", "width": "\(width)"]
            prefix = words.format("terminal.sideBySide.narrow", columns) + " · " + prefix
        }
        screen.status = prefix + screen.status
        return screen
    }

    func send(_ key: Key) { driver.send(key) }
    func poll() {}
    func takeTerminalRequests() -> [TerminalRequest] { driver.takeTerminalRequests() }
    var isFinished: Bool { driver.isFinished }
}

/// A part of the real terminal: it keeps the frame a pane's app drew, and passes bells
/// and control sequences on.
final class PaneDevice: TerminalDevice {
    var size = TerminalSize(width: 80, height: 24)
    private(set) var frame: Frame?
    private let parent: any TerminalDevice

    init(parent: any TerminalDevice) { self.parent = parent }

    func draw(_ frame: Frame) { self.frame = frame }
    func readInput(timeout: Int?) -> RawInput? { nil }
    func writeControl(_ sequence: String) { parent.writeControl(sequence) }
    func bell() { parent.bell() }
}

extension Frame {
    /// An empty frame of `size`.
    static func blank(_ size: TerminalSize) -> Frame {
        Frame(
            grid: CellGrid(width: size.width, height: size.height), cursor: nil, needed: nil, scroll: 0,
            maxScroll: 0, showsQR: false, page: 1)
    }
}
