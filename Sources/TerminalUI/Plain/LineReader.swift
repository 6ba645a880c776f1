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

/// Reads lines from a file descriptor with its own buffer, so that "is a line waiting?"
/// has an honest answer while a screen polls (stdio buffering would hide typed lines).
public final class LineReader {
    /// What a read produced.
    public enum Result: Equatable {
        case line(String)
        case timeout
        case endOfInput
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var ended = false

    public init(descriptor: Int32 = STDIN_FILENO) { self.descriptor = descriptor }

    /// The next line without its newline; waits at most `timeout` milliseconds (nil: for
    /// ever), and answers `.timeout` early when `wakeup` (see `ChangeWakeup`) is readable.
    public func readLine(timeout: Int?, wakeup: Int32? = nil) -> Result {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                var line = Array(buffer[..<newline])
                buffer.removeFirst(newline + 1)
                if line.last == 0x0D { line.removeLast() }
                return .line(String(decoding: line, as: UTF8.self))
            }
            if ended {
                guard !buffer.isEmpty else { return .endOfInput }
                defer { buffer.removeAll() }
                return .line(String(decoding: buffer, as: UTF8.self))
            }
            var requests = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            if let wakeup { requests.append(pollfd(fd: wakeup, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&requests, nfds_t(requests.count), Int32(timeout ?? -1))
            if ready == 0 || (ready > 0 && requests[0].revents == 0) { return .timeout }
            if ready < 0 {
                if errno == EINTR { continue }
                ended = true
                continue
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &chunk, chunk.count)
            if count <= 0 {
                if count < 0 && errno == EINTR { continue }
                ended = true
            } else {
                buffer += chunk[..<count]
            }
        }
    }

    /// Turns terminal echo off (masked fields) or back on; no effect when not a terminal.
    /// While echo is off, Ctrl-C (SIGINT) or SIGTERM first turns it back on, then exits.
    public func setEcho(_ on: Bool) {
        guard isatty(descriptor) == 1 else { return }
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else { return }
        if on {
            settings.c_lflag |= tcflag_t(ECHO)
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        } else {
            EchoGuard.saved = settings
            EchoGuard.descriptor = descriptor
            signal(SIGINT, EchoGuard.restoreAndExit)
            signal(SIGTERM, EchoGuard.restoreAndExit)
            settings.c_lflag &= ~tcflag_t(ECHO)
        }
        tcsetattr(descriptor, TCSANOW, &settings)
    }
}

/// The terminal settings to put back if the process is interrupted at a hidden prompt.
/// Written only before the handler is installed; read only by the handler.
private enum EchoGuard {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var descriptor: Int32 = STDIN_FILENO

    /// A signal handler: only async-signal-safe calls (tcsetattr, _exit).
    static let restoreAndExit: @convention(c) (Int32) -> Void = { signal in
        var settings = EchoGuard.saved
        tcsetattr(EchoGuard.descriptor, TCSANOW, &settings)
        _exit(128 + signal)
    }
}
