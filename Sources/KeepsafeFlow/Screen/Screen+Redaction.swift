/// What a recording of a real store may keep of a screen.
extension Screen {
    /// This screen with the enrollment secrets masked: a QR code becomes a line saying
    /// it is hidden, and a code block (the manual key, the recovery code) keeps its
    /// shape with every letter and digit replaced by `•`. Recordings of stores that are
    /// not sandboxes are made from this, so a `.cast` file never holds what enrolls a
    /// factor or recovers the account.
    public func redactedForRecording(_ strings: Strings = .bundled) -> Screen {
        var copy = self
        copy.elements = elements.map { element in
            switch element {
            case .qr: return .paragraph(strings["recording.qrHidden"])
            case .code(let text): return .code(Self.masked(text))
            default: return element
            }
        }
        return copy
    }

    /// `text` with letters and digits replaced by `•`, separators kept.
    static func masked(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber ? "•" : $0 })
    }
}
