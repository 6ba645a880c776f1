import QRCode

/// Draws a `Screen` as plain text lines: for walkthroughs, tests, recordings and the
/// portal's `--plain` mode. It decides only *how* things look; *what* is shown comes
/// from the screen model.
///
///     let lines = TextRenderer.render(screen, width: 80, height: 24)
///
/// Conventions (documented for QA, who match on them): the focused element is marked
/// with `> ` in the first two columns; fields are `Label: [value]` (masked fields show
/// one `•` per character); checkboxes `[x] Label`; buttons `[ Label ]`; links
/// `→ Label`; list items `( ) Item` with `(•)` on the selected one; messages start with
/// `✗`, `!`, `✓` or `i`; the status line is the last line.
public enum TextRenderer {
    /// How the QR block is drawn and whether secrets are hidden (golden snapshots).
    public struct Options: Sendable, Equatable {
        public enum QRStyle: Sendable, Equatable {
            /// One character per module column, two module rows per line (`▀ ▄ █`).
            case halfBlocks
            /// `##` per dark module, like `qrencode -t ASCII`.
            case ascii
        }

        public var qrStyle: QRStyle
        /// Swap dark and light modules (for a light-on-dark terminal).
        public var invertQR: Bool
        /// Replace the QR symbol with `[QR code]`, and the manual key and `code` blocks
        /// with `*` per letter or digit, so snapshots of screens with random secrets
        /// are stable.
        public var maskSecrets: Bool

        public init(qrStyle: QRStyle = .halfBlocks, invertQR: Bool = false, maskSecrets: Bool = false) {
            self.qrStyle = qrStyle
            self.invertQR = invertQR
            self.maskSecrets = maskSecrets
        }
    }

    /// Quiet zone around the QR code, in modules (ISO/IEC 18004 asks for 4).
    public static let qrMargin = 4

    /// The screen as lines of at most `width` columns where text can wrap (QR rows are
    /// never cut). With a `height`, the lines are padded so the status line is the
    /// last of `height`; a longer screen is not cut (nothing on it is hidden from tests).
    /// - Parameters:
    ///   - width: columns, at least 20 (smaller values are treated as 20).
    ///   - height: rows, or `nil` for as many as needed.
    public static func render(_ screen: Screen, width: Int, height: Int?) -> [String] {
        render(screen, width: width, height: height, options: Options())
    }

    /// `render(_:width:height:)` with explicit options.
    public static func render(_ screen: Screen, width: Int, height: Int?, options: Options) -> [String] {
        let width = max(width, 20)
        var lines: [String] = []
        let title = TextRenderer.Wording.sanitize(screen.title)
        lines.append(title)
        lines.append(String(repeating: "=", count: min(max(title.count, 1), width)))
        if !screen.elements.isEmpty { lines.append("") }
        var previous: ElementKind?
        for element in screen.elements {
            let kind = ElementKind(element)
            if let previous, kind.wantsSpace(after: previous) { lines.append("") }
            let focused = element.focusID != nil && element.focusID == screen.focus
            lines += ElementLayout.lines(for: element, focused: focused, width: width, options: options)
            previous = kind
        }
        let status = TextRenderer.Wording.sanitize(screen.status)
        if let height, lines.count < height - 1 {
            lines += Array(repeating: "", count: height - 1 - lines.count)
        }
        if !status.isEmpty || height != nil {
            lines.append(String(status.prefix(width)))
        }
        return lines.map { TextRenderer.Wording.trimTrailingSpaces($0) }
    }
}

/// Groups elements so that unrelated blocks get a blank line between them while a run
/// of fields or buttons stays compact.
extension TextRenderer {
    enum ElementKind: Equatable {
        case banner, heading, text, control, qr

        init(_ element: Element) {
            switch element {
            case .banner: self = .banner
            case .heading: self = .heading
            case .paragraph, .message, .code: self = .text
            case .field, .list, .checkbox, .button, .link: self = .control
            case .qr: self = .qr
            }
        }

        func wantsSpace(after previous: ElementKind) -> Bool {
            !(self == .control && previous == .control)
        }
    }
}
