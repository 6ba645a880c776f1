/// JSON string literals written by hand, for the files keepsafe writes line by line in a
/// fixed key order (asciicast recordings, reports).
///
///     JSONText.quote("tab\there")   // "\"tab\\there\""
public enum JSONText {
    /// `text` as a JSON string literal: quotes and backslashes escaped, and every C0
    /// control, DEL and the line and paragraph separators (U+2028, U+2029, which
    /// JavaScript readers take for line ends) written as escapes.
    /// - Complexity: O(n) in the number of scalars.
    public static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    out += formatted("\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// The lines of an asciicast v2 file (what asciinema plays): a JSON header object, then one
/// JSON array per event. The live recorder of the terminal and the walkthrough recordings
/// both write through this type.
public enum AsciicastLine {
    /// What an event records.
    public enum Kind: String, Sendable {
        /// Bytes written to the terminal.
        case output = "o"
        /// A new terminal size, `WxH`.
        case resize = "r"
    }

    /// The header line (no newline): version 2, the size, the start as Unix seconds, the
    /// title, and `environment` when given (keys sorted).
    public static func header(
        width: Int, height: Int, timestamp: Int, title: String, environment: [String: String]? = nil
    ) -> String {
        var line =
            "{\"version\":2,\"width\":\(width),\"height\":\(height),\"timestamp\":\(timestamp),"
            + "\"title\":\(JSONText.quote(title))"
        if let environment {
            let pairs = environment.keys.sorted().map {
                JSONText.quote($0) + ":" + JSONText.quote(environment[$0] ?? "")
            }
            line += ",\"env\":{" + pairs.joined(separator: ",") + "}"
        }
        return line + "}"
    }

    /// One event line (no newline): `[seconds, "o", data]` or `[seconds, "r", "WxH"]`, the
    /// time in microseconds' precision.
    public static func event(seconds: Double, _ kind: Kind, _ data: String) -> String {
        "[\(formatted("%.6f", seconds)),\"\(kind.rawValue)\",\(JSONText.quote(data))]"
    }

    /// A resize event's data: `100x30`.
    public static func size(width: Int, height: Int) -> String { "\(width)x\(height)" }
}
