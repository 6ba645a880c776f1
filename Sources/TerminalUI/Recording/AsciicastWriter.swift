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

/// Writes an asciicast v2 file: a JSON header line (version, width, height, timestamp,
/// title, env) then one `[seconds, "o", data]` line per output event and
/// `[seconds, "r", "WxH"]` per resize. asciinema plays it.
public final class AsciicastWriter {
    /// Why a recording could not be written.
    public enum Failure: Error, CustomStringConvertible {
        case cannotCreate(path: String, reason: String)
        public var description: String {
            switch self {
            case .cannotCreate(let path, let reason):
                return Strings.bundled.format(
                    "terminal.recording.cannotCreate", ["path": path, "reason": reason])
            }
        }
    }

    private let handle: OutputFile
    private let start: Date
    private var size: TerminalSize

    /// Creates `path` afresh (mode 0600; an existing file is replaced, a symbolic link is
    /// refused and never followed: `PrivateFile`) and writes the header.
    ///
    /// - Throws: `Failure.cannotCreate` naming the path.
    public init(
        path: String, size: TerminalSize, title: String, environment: [String: String], start: Date = Date()
    )
        throws
    {
        let descriptor: Int32
        do {
            descriptor = try PrivateFile.create(path)
        } catch {
            throw Failure.cannotCreate(path: path, reason: "\(error)")
        }
        handle = OutputFile(descriptor: descriptor)
        self.start = start
        self.size = size
        handle.write(
            AsciicastLine.header(
                width: size.width, height: size.height, timestamp: Int(start.timeIntervalSince1970),
                title: title,
                environment: environment) + "\n")
    }

    /// Appends an output event (and a resize event first when the size changed).
    public func output(_ data: String, size newSize: TerminalSize, at time: Date = Date()) {
        let seconds = max(0, time.timeIntervalSince(start))
        if newSize != size {
            size = newSize
            let text = AsciicastLine.size(width: newSize.width, height: newSize.height)
            handle.write(AsciicastLine.event(seconds: seconds, .resize, text) + "\n")
        }
        guard !data.isEmpty else { return }
        handle.write(AsciicastLine.event(seconds: seconds, .output, data) + "\n")
    }

    /// Flushes and closes the file.
    public func close() { handle.close() }
}
