/// Keeps what is not a key out of the keys.
///
/// Curses turns the escape sequences terminfo knows (arrows, Home, F1...) into key codes.
/// Anything else that starts with ESC reaches the reader as a bare Esc followed by its
/// characters: a terminal's answer that came after `BackgroundProbe` stopped waiting
/// (OSC 11 over a slow link: `ESC ] 11 ; rgb:... ESC \`, then `ESC [ ? 62 ; 22 c`), or a
/// key terminfo does not describe (Ctrl-Up as `ESC [ 1 ; 5 A`). Read as keys, its Esc
/// would go back a screen and its characters would be typed into the focused field.
///
/// So an Esc with more input right behind it is looked at first. A control sequence
/// (`ESC [` ... final byte) or a control string of the kinds terminals answer with
/// (`ESC ]` or `ESC P` ... BEL or `ESC \`) is dropped whole. The Esc key pressed alone
/// has nothing behind it and still arrives; any other input after an Esc (Alt and a
/// letter) is kept and comes next.
public struct SequenceFilter {
    /// Input read while looking behind an Esc or at the end of a sequence, read again
    /// (through the filter) before anything new.
    private var again: [RawInput] = []

    /// How long to wait for the rest of a sequence already begun (milliseconds): its
    /// bytes left the terminal together, but may cross a slow link in several packets.
    public static let continuation = 50
    /// The longest control sequence and control string accepted; anything longer is
    /// dropped up to this point (no terminal sends such a key).
    public static let longestSequence = 64
    public static let longestString = 1024

    private static let escape: UInt32 = 0x1B

    public init() {}

    /// The next input that is not part of a control sequence, or nil when `read` timed
    /// out (or only dropped sequences arrived in time: the caller then reads again).
    /// - Parameters:
    ///   - timeout: milliseconds to wait for the first input, nil for ever.
    ///   - read: reads one input from the terminal within a timeout (0 = what is there).
    public mutating func next(timeout: Int?, read: (Int?) -> RawInput?) -> RawInput? {
        var wait = timeout
        while true {
            guard let first = take(wait, read) else { return nil }
            // What came right behind a dropped sequence (another answer, say) is only
            // what is there already.
            wait = 0
            guard first == .character(Self.escape) else { return first }
            // The Esc key alone: nothing right behind it (curses already waited ESCDELAY).
            guard let second = take(0, read) else { return first }
            switch second {
            case .character(0x5B):  // [ : a control sequence
                dropControlSequence(read)
            case .character(0x5D), .character(0x50):  // ] OSC, P DCS: a control string
                dropControlString(read)
            default:
                // Alt and a key, or Esc twice: the Esc now, the other after it (itself
                // perhaps the start of a sequence).
                again.insert(second, at: 0)
                return first
            }
        }
    }

    private mutating func take(_ timeout: Int?, _ read: (Int?) -> RawInput?) -> RawInput? {
        again.isEmpty ? read(timeout) : again.removeFirst()
    }

    /// Parameters and intermediates (0x20-0x3F), then one final byte (0x40-0x7E). Input
    /// that cannot belong to the sequence ends it and is read again.
    private mutating func dropControlSequence(_ read: (Int?) -> RawInput?) {
        for _ in 0..<Self.longestSequence {
            guard let input = take(Self.continuation, read) else { return }
            guard case .character(let value) = input, (0x20...0x7E).contains(value) else {
                again.insert(input, at: 0)
                return
            }
            if value >= 0x40 { return }
        }
    }

    /// Everything up to BEL or ST (`ESC \`); a function key ends it and is read again.
    private mutating func dropControlString(_ read: (Int?) -> RawInput?) {
        var afterEscape = false
        for _ in 0..<Self.longestString {
            guard let input = take(Self.continuation, read) else { return }
            guard case .character(let value) = input else {
                again.insert(input, at: 0)
                return
            }
            if value == 0x07 || (afterEscape && value == 0x5C) { return }
            afterEscape = value == Self.escape
        }
    }
}
