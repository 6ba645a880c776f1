import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// JUnit XML, the format CI servers (Jenkins, GitLab, GitHub annotations) read: one
/// `<testcase>` per walkthrough file, a `<failure>` with the failing line, the reason and
/// the screen.
public enum JUnitReport {
    /// The report for `results`, run at `timestamp`.
    public static func xml(
        for results: [WalkthroughResult], suiteName: String = "walkthroughs", timestamp: Date = Date()
    )
        -> String
    {
        let failures = results.filter { !$0.passed }.count
        let total = results.reduce(0) { $0 + $1.duration }
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        lines.append(
            "<testsuites name=\"keepsafe\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"0\" time=\"\(seconds(total))\">"
        )
        lines.append(
            "  <testsuite name=\"\(escape(suiteName))\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" "
                + "time=\"\(seconds(total))\" timestamp=\"\(ISO8601.string(from: timestamp))\">")
        for result in results {
            let head =
                "    <testcase name=\"\(escape(result.name))\" classname=\"walkthrough\" file=\"\(escape(result.file))\" "
                + "time=\"\(seconds(result.duration))\""
            guard let failure = result.failure, let report = result.failureReport else {
                lines.append(head + "/>")
                continue
            }
            lines.append(head + ">")
            let message = "line \(failure.line): \(failure.reason)"
            lines.append(
                "      <failure message=\"\(escape(message))\" type=\"StepFailed\">\(escape(report))</failure>"
            )
            lines.append("    </testcase>")
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func seconds(_ value: TimeInterval) -> String { formatted("%.3f", value) }

    /// Escapes XML metacharacters and drops characters XML 1.0 cannot carry at all.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && !(0xFFFE...0xFFFF).contains(value)
                out += allowed ? String(scalar) : "\u{FFFD}"
            }
        }
        return out
    }
}
