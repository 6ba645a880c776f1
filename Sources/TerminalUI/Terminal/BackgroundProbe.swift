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

/// `--theme auto`: is the terminal's background light or dark? Asked of the terminal
/// itself (an OSC 11 query, answered by xterm, VTE, kitty, iTerm2, tmux and others),
/// else read from `COLORFGBG` (rxvt, Konsole); nil when neither says.
public enum BackgroundProbe {
    /// What `auto` stands for without asking the terminal: `COLORFGBG` when it says, else
    /// `.auto` (the palette readable on both backgrounds). Any other choice is kept.
    public static func resolveFromEnvironment(_ theme: ThemeChoice, environment: [String: String]) -> ThemeChoice {
        guard theme == .auto, let light = colorFGBG(environment["COLORFGBG"]) else { return theme }
        return light ? .light : .dark
    }

    /// Whether the terminal is worth asking: the theme is still `auto` after the
    /// environment, and `TERM` names a real terminal.
    static func shouldAsk(_ theme: ThemeChoice, environment: [String: String]) -> Bool {
        theme == .auto && !["", "dumb", "unknown"].contains(environment["TERM"] ?? "")
            && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Sends the OSC 11 query, followed by a device attributes query that every terminal
    /// answers, so the reply is known to be complete (or missing) without waiting for the
    /// whole timeout. The portal draws its first frame meanwhile: the answer is read by
    /// `awaitReply` after it, so a terminal that never answers costs no start-up time.
    static func sendQuery() {
        let query = "\u{1B}]11;?\u{1B}\\\u{1B}[c"
        _ = query.utf8CString.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count - 1) }
    }

    /// `COLORFGBG` ("fg;bg" or "fg;default;bg"): the background is light for palette
    /// entries 7 and 9-15.
    static func colorFGBG(_ value: String?) -> Bool? {
        guard let value, let last = value.split(separator: ";").last, let index = Int(last) else { return nil }
        guard (0...15).contains(index) else { return nil }
        return index == 7 || index >= 9
    }

    /// The colour in an OSC 11 reply, `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` (1 to 4 hex digits
    /// per channel) ended by BEL or ST; nil for anything else.
    static func parseReply(_ reply: String) -> RGB? {
        guard let start = reply.range(of: "]11;rgb:") else { return nil }
        var body = reply[start.upperBound...]
        if let end = body.firstIndex(where: { $0 == "\u{07}" || $0 == "\u{1B}" }) { body = body[..<end] }
        let channels = body.split(separator: "/")
        guard channels.count == 3 else { return nil }
        var values: [Int] = []
        for channel in channels {
            guard (1...4).contains(channel.count), let value = Int(channel, radix: 16) else { return nil }
            let maximum = (1 << (4 * channel.count)) - 1
            values.append(value * 255 / maximum)
        }
        return RGB(red: values[0], green: values[1], blue: values[2])
    }

    /// Light when black text has more contrast on it than white text.
    static func isLight(_ colour: RGB) -> Bool {
        Contrast.ratio(colour, RGB(red: 0, green: 0, blue: 0)) > Contrast.ratio(colour, RGB(red: 255, green: 255, blue: 255))
    }

    /// Reads the answer to `sendQuery` from stdin (already in raw mode: curses owns the
    /// terminal by then), before the key reader does, so that no answer is taken for keys.
    /// - Returns: whether the background is light; nil when the terminal did not say.
    static func awaitReply(timeout milliseconds: Int = 300) -> Bool? {
        var reply: [UInt8] = []
        let deadline = Date().addingTimeInterval(Double(milliseconds) / 1000)
        while Date() < deadline {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let left = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
            guard poll(&descriptor, 1, left) > 0 else { break }
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            guard count > 0 else { break }
            reply += buffer[0..<count]
            // The device attributes answer, ESC [ ? ... c, ends the exchange.
            if let text = String(bytes: reply, encoding: .utf8), text.contains("\u{1B}[?"), text.hasSuffix("c") {
                break
            }
        }
        guard let text = String(bytes: reply, encoding: .utf8), let colour = parseReply(text) else { return nil }
        return isLight(colour)
    }
}
