import CNcursesw
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

/// Why the terminal could not be opened.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a terminal.
    case notATerminal
    /// `TERM` is unset or names a terminal the terminfo database does not know.
    case unknownTerminal(String)
    /// `TERM` names a terminal that cannot address the cursor (`dumb`, `unknown`).
    case unsupportedTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return Strings.bundled["terminal.error.notATerminal"]
        case .unknownTerminal(let name):
            guard !name.isEmpty else { return Strings.bundled["terminal.error.termUnset"] }
            return Strings.bundled.format(
                "terminal.error.unknownTerm", ["term": Sanitizer.clean(name, ascii: true)])
        case .unsupportedTerminal(let name):
            return Strings.bundled.format(
                "terminal.error.unsupportedTerm", ["term": Sanitizer.clean(name, ascii: true)])
        }
    }
}

/// The real terminal through ncursesw. Only this type calls curses, always from the
/// main thread. `close()` (or deinit) restores the terminal.
public final class CursesTerminal: TerminalDevice {
    /// True when the locale is UTF-8 (else ASCII glyphs only).
    public let unicode: Bool
    /// Colours the terminal has (0 when none).
    public let colors: Int
    private let screen: OpaquePointer
    private var pairs: [PairKey: Int16] = [:]
    private var appearance: (Role) -> Appearance
    private var closed = false
    private var lastCursor: CellPoint?
    private var sequences = SequenceFilter()

    private struct PairKey: Hashable {
        var foreground: Int
        var background: Int
    }

    /// Opens the terminal on stdin/stdout.
    ///
    /// - Throws: `TerminalError.notATerminal` without a TTY on both ends,
    ///   `TerminalError.unknownTerminal` when `TERM` is unset or unknown to terminfo.
    public init() throws {
        setlocale(LC_ALL, "")
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard !term.isEmpty else { throw TerminalError.unknownTerminal(term) }
        guard !["dumb", "unknown"].contains(term) else {
            throw TerminalError.unsupportedTerminal(term)
        }
        // Probe terminfo first: newterm on an unknown terminal may print and exit.
        guard ks_terminal_known(term, STDOUT_FILENO) == 1 else { throw TerminalError.unknownTerminal(term) }
        // A parent may have left signals blocked (test runners do): resizes and quits must
        // still reach curses.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGWINCH, SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        sigprocmask(SIG_UNBLOCK, &signals, nil)
        guard let screen = newterm(term, ks_stdout(), ks_stdin()) else {
            throw TerminalError.unknownTerminal(term)
        }
        self.screen = screen
        unicode = ks_locale_is_utf8() != 0
        raw()  // Ctrl-C arrives as 0x03 and is handled like any key, so we always restore.
        noecho()
        nonl()
        keypad(ks_stdscr(), true)
        // Home and End as tmux, screen and rxvt send them, whatever TERM's terminfo says
        // (xterm-256color inside tmux gets ESC [ 1 ~, not ESC O H).
        for (sequence, key) in [
            ("\u{1B}[1~", KeyDecoder.keyHome), ("\u{1B}[7~", KeyDecoder.keyHome), ("\u{1B}[H", KeyDecoder.keyHome),
            ("\u{1B}OH", KeyDecoder.keyHome), ("\u{1B}[4~", KeyDecoder.keyEnd), ("\u{1B}[8~", KeyDecoder.keyEnd),
            ("\u{1B}[F", KeyDecoder.keyEnd), ("\u{1B}OF", KeyDecoder.keyEnd),
        ] {
            define_key(sequence, key)
        }
        set_escdelay(25)
        if has_colors() {
            start_color()
            use_default_colors()
        }
        colors = has_colors() ? Int(ks_colors()) : 0
        appearance = { _ in Appearance() }
    }

    deinit { close() }

    /// Chooses how roles look (call before drawing).
    public func use(_ palette: Palette) { appearance = palette.appearance }

    /// Restores the terminal: cursor, modes, the screen contents before we started.
    public func close() {
        guard !closed else { return }
        closed = true
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    public var size: TerminalSize {
        TerminalSize(width: Int(ks_getmaxx(ks_stdscr())), height: Int(ks_getmaxy(ks_stdscr())))
    }

    public func draw(_ frame: Frame) {
        let window = ks_stdscr()
        let grid = frame.grid
        for y in 0..<grid.height {
            var x = 0
            while x < grid.width {
                // A run of cells with one role, drawn in one call.
                let role = grid[x, y].role
                var text: [wchar_t] = []
                let start = x
                while x < grid.width && grid[x, y].role == role {
                    let cell = grid[x, y]
                    if !cell.continuation {
                        for scalar in cell.glyph.unicodeScalars {
                            text.append(wchar_t(bitPattern: scalar.value))
                        }
                    }
                    x += 1
                }
                let (attributes, pair) = style(role)
                text.append(0)
                _ = ks_put(
                    window, Int32(y), Int32(start), text, Int32(text.count - 1), attributes, Int32(pair))
            }
        }
        if let cursor = frame.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
            wmove(window, Int32(max(0, grid.height - 1)), 0)
        }
        wrefresh(window)
    }

    /// The next key or event; control sequences that are not keys never come out (see
    /// `SequenceFilter`).
    public func readInput(timeout: Int?) -> RawInput? {
        sequences.next(timeout: timeout) { readCurses(timeout: $0) }
    }

    private func readCurses(timeout: Int?) -> RawInput? {
        let window = ks_stdscr()
        wtimeout(window, Int32(timeout ?? -1))
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == ks_key_code_yes() { return .keyCode(Int32(value)) }
        if result == ks_err() { return nil }
        return .character(UInt32(value))
    }

    public func readInput(timeout: Int?, wakeup: Int32?) -> RawInput? {
        guard let wakeup else { return readInput(timeout: timeout) }
        // A key curses already holds comes first: poll cannot see it.
        if let input = readInput(timeout: 0) { return input }
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeup, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, 2, Int32(timeout ?? -1))
        // Input, or a signal (SIGWINCH: curses has a KEY_RESIZE for it).
        if ready < 0 || descriptors[0].revents != 0 { return readInput(timeout: 0) }
        return nil
    }

    public func writeControl(_ sequence: String) {
        // Curses owns the screen; an OSC sequence moves no cursor, so it can go straight out.
        fflush(ks_stdout())
        StandardStream.output(sequence)
    }

    public func bell() { beep() }

    /// Curses attributes and colour pair for a role (pairs allocated on first use).
    private func style(_ role: Role) -> (attr_t, Int16) {
        let look = appearance(role)
        var attributes = ks_a_normal()
        if look.bold { attributes |= ks_a_bold() }
        if look.underline { attributes |= ks_a_underline() }
        if look.reverse { attributes |= ks_a_reverse() }
        if look.dim { attributes |= ks_a_dim() }
        guard colors > 0 else { return (attributes, 0) }
        let key = PairKey(foreground: clamp(look.foreground), background: clamp(look.background))
        if key.foreground == -1 && key.background == -1 { return (attributes, 0) }
        if let pair = pairs[key] { return (attributes, pair) }
        let number = Int16(pairs.count + 1)
        guard Int32(number) < ks_color_pairs() else { return (attributes, 0) }
        init_pair(number, Int16(key.foreground), Int16(key.background))
        pairs[key] = number
        return (attributes, number)
    }

    /// Palette indexes beyond what the terminal has fall back to the basic eight.
    private func clamp(_ index: Int?) -> Int {
        guard let index else { return -1 }
        if index < colors { return index }
        return index == 15 ? 7 : index % 8
    }
}
