import Foundation

/// Drives the portal in a pane by the labels on its screen, like a person with a
/// keyboard: Tab until the control has the focus (seen on screen), then Enter, Space or
/// typing.
///
///     let pilot = PortalPilot(pane: session.main)
///     try pilot.signUp(email: "alice@example.com")
///     try pilot.choose("Authenticator app")
public struct PortalPilot {
    public let pane: TmuxPane

    public init(pane: TmuxPane) { self.pane = pane }

    /// Whether the control labelled `label` has the focus: a field holds the cursor on its
    /// row; anything else is drawn in the title bar's colours.
    public func isFocused(_ label: String) throws -> Bool {
        try pane.settle()
        let lines = try pane.lines()
        if try pane.format("#{cursor_flag}") == "1", let row = Int(try pane.format("#{cursor_y}")),
            row < lines.count, lines[row].contains(label)
        {
            return true
        }
        return FocusedText.contains(label, in: try pane.capture(escapes: true))
    }

    /// Tabs until `label` has the focus (at most 40 steps).
    public func focus(_ label: String) throws {
        for _ in 0..<40 {
            if try isFocused(label) { return }
            let before = try pane.capture(escapes: true)
            try pane.keys("Tab")
            try pane.waitForChange(from: before)
        }
        throw TmuxSession.Failure("could not focus \"\(label)\"; the screen:\n\(try pane.capture())")
    }

    /// Focuses `label` and presses Enter.
    public func press(_ label: String) throws {
        try focus(label)
        try pane.keys("Enter")
    }

    /// Focuses the field `label`, types `text` and waits until its row shows the text (or
    /// the dots of a masked field).
    public func fill(_ label: String, _ text: String) throws {
        try focus(label)
        try pane.type(text)
        try pane.settle()
        try pane.waitUntil("\"\(text)\" typed in \(label)") { screen in
            screen.split(separator: "\n").contains {
                $0.contains(label) && ($0.contains(text) || $0.contains("•"))
            }
        }
    }

    /// Focuses the check box `label`, ticks it with Space and waits for `[x] label`.
    public func toggle(_ label: String) throws {
        try focus(label)
        try pane.keys("Space")
        try pane.waitFor("[x] \(label)")
    }

    /// In the focused list, moves the selection down until `item` is selected, then Enter.
    public func choose(_ item: String) throws {
        for _ in 0..<20 {
            try pane.settle()
            let before = try pane.capture(escapes: true)
            if FocusedText.contains(item, in: before) {
                try pane.keys("Enter")
                return
            }
            try pane.keys("Down")
            try pane.waitForChange(from: before)
        }
        throw TmuxSession.Failure("could not select \"\(item)\"; the screen:\n\(try pane.capture())")
    }

    /// Signs up from the log-in page and lands on "Keep Your Account Safe".
    public func signUp(
        email: String, name: String = "Alice Anderson", password: String = "Correct-Horse-9-Battery"
    ) throws {
        try pane.waitFor("Log in")
        try press("Sign up")
        try pane.waitFor("Confirm password")
        try fill("Email", email)
        try fill("Full name", name)
        try fill("Company", "Acme Test Works")
        try fill("Password", password)
        try fill("Confirm password", password)
        try press("[ Sign up ]")
        try pane.waitFor("Keep Your Account Safe")
    }

    /// Logs in from the log-in page (the challenge or home comes next).
    public func logIn(email: String, password: String = "Correct-Horse-9-Battery") throws {
        try fill("Email", email)
        try fill("Password", password)
        try press("[ Log in ]")
    }

    /// On the recovery-code page: ticks "I have safely recorded this code", continues and
    /// waits for home.
    public func acceptRecoveryCode() throws {
        try pane.waitFor("I have safely recorded this code")
        try toggle("I have safely recorded this code")
        try press("[ Continue ]")
        try pane.waitFor("My Profile")
    }

    /// The number the portal shows for push number matching ("Pick this number on your
    /// phone: 42"), read off `screen`.
    public static func numberToMatch(in screen: String) -> String? {
        guard let range = screen.range(of: "Pick this number on your phone: ") else { return nil }
        let digits = screen[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : String(digits)
    }
}
