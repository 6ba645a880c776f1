import KeepsafeBase

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
            case .cannotCreate(let path, let reason): return "\(path): cannot write the recording: \(reason)"
            }
        }
    }

    private let handle: OutputFile
    private let start: Date
    private var size: TerminalSize

    /// Creates (or truncates) `path` (mode 0600) and writes the header.
    ///
    /// - Throws: `Failure.cannotCreate` naming the path.
    public init(
        path: String, size: TerminalSize, title: String, environment: [String: String], start: Date = Date()
    )
        throws
    {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        handle = OutputFile(descriptor: descriptor)
        self.start = start
        self.size = size
        var env = ""
        for (index, key) in environment.keys.sorted().enumerated() {
            env += (index > 0 ? "," : "") + Self.json(key) + ":" + Self.json(environment[key] ?? "")
        }
        let header =
            "{\"version\":2,\"width\":\(size.width),\"height\":\(size.height),"
            + "\"timestamp\":\(Int(start.timeIntervalSince1970)),\"title\":\(Self.json(title)),\"env\":{\(env)}}\n"
        handle.write(header)
    }

    /// Appends an output event (and a resize event first when the size changed).
    public func output(_ data: String, size newSize: TerminalSize, at time: Date = Date()) {
        let seconds = formatted("%.6f", max(0, time.timeIntervalSince(start)))
        if newSize != size {
            size = newSize
            handle.write("[\(seconds),\"r\",\"\(newSize.width)x\(newSize.height)\"]\n")
        }
        guard !data.isEmpty else { return }
        handle.write("[\(seconds),\"o\",\(Self.json(data))]\n")
    }

    /// Flushes and closes the file.
    public func close() { handle.close() }

    /// A JSON string literal for `text` (control characters escaped).
    static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += formatted("\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
