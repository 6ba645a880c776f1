/// Makes user-controlled text safe to put on a terminal.
///
/// Names, emails, companies and device names come from people (and from other processes
/// through the store): a control character could move the cursor, change colours or set
/// the window title, and a bidirectional override could make text read differently from
/// what it is. Each such scalar becomes U+FFFD, so the tampering stays visible.
public enum Sanitizer {
    /// The replacement shown in place of a refused scalar.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// True for scalars that must never reach a terminal: C0 controls (tab and newline
    /// included: a screen's text has no layout of its own), DEL, C1 controls, and the
    /// bidi embedding, override, isolate and mark controls.
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x200E, 0x200F, 0x061C: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        case 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `text` with every refused scalar replaced by U+FFFD.
    /// - Complexity: O(n) in the number of scalars.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isRefused) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isRefused(scalar) ? replacement : scalar)
        }
        return String(scalars)
    }

    /// True when a typed character may be inserted into a field.
    public static func isTypeable(_ character: Character) -> Bool {
        !character.unicodeScalars.contains(where: isRefused)
    }
}
