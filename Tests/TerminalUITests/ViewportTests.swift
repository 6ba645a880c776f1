import CNcursesw
import KeepsafeFlow
import Testing

@testable import TerminalUI

/// A Help-like page: many answers, one button at the end.
private func helpScreen() -> Screen {
    var elements: [Element] = (1...30).map { .paragraph("Answer number \($0) of the help page.") }
    elements.append(.button(Button(id: "back", label: "Back")))
    return Screen(
        id: "help", title: "Help", elements: elements, focus: "back",
        status: "Tab/↑↓ move · Enter select · Space tick · Esc back · F1 or ? help · Ctrl-C quit")
}

/// Runs `driver` in a headless terminal, feeding `inputs`, and returns the last frame.
private func run(_ driver: FakeDriver, width: Int = 80, height: Int = 24, _ inputs: [RawInput]) -> Frame? {
    let terminal = HeadlessTerminal(width: width, height: height)
    terminal.pendingInput = inputs
    let app = TerminalApp(driver: driver, device: terminal, options: ViewOptions(portalName: "Northwind"))
    _ = app.run()
    return terminal.frame
}

@Suite("Title and key help")
struct StatusLineTests {
    let full = "Tab/↑↓ move · Enter select · Space tick · Esc back · F1 or ? help · Ctrl-C quit"

    @Test("hints are dropped whole, least important first; quit and help stay longest")
    func priorities() {
        let hints = StatusLine.hints(full)
        #expect(hints == ["Tab/↑↓ move", "Enter select", "Space tick", "Esc back", "F1 or ? help", "Ctrl-C quit"])
        #expect(StatusLine.fit(hints, width: 200, separator: " · ") == full)
        #expect(!StatusLine.fit(hints, width: 70, separator: " · ").contains("Space tick"))
        #expect(StatusLine.fit(hints, width: 27, separator: " · ") == "F1 or ? help · Ctrl-C quit")
        #expect(StatusLine.hints("Tab next  Enter log in  F1 help") == ["Tab next", "Enter log in", "F1 help"])
    }

    @Test("every screen at every width keeps its title on the first row and whole hints on the last")
    func everyWidth() {
        var screens = [Screens.login(), Screens.totp(), Screens.recovery(), helpScreen()]
        for index in screens.indices { screens[index].status = full }
        for screen in screens {
            for width in stride(from: 40, through: 130, by: 3) {
                for height in [12, 24, 40] {
                    let frame = Layout.frame(
                        screen, width: width, height: height, options: ViewOptions(portalName: "Northwind"))
                    let lines = frame.grid.lines
                    #expect(lines[0].contains(screen.title), "\(screen.id) \(width)x\(height)")
                    let status = lines[height - 1].trimmingPrefix(" ")
                    let shown = StatusLine.hints(String(status))
                    let allowed = StatusLine.hints(full) + ["↓ more (PgUp/PgDn)", "↑ top (PgUp/PgDn)"]
                    #expect(!shown.isEmpty && shown.allSatisfy { allowed.contains($0) }, "\(width): \(status)")
                    #expect(shown.contains("Ctrl-C quit"), "\(screen.id) \(width)x\(height)")
                    #expect((0..<width).allSatisfy { frame.grid[$0, height - 1].role == .status })
                }
            }
        }
    }

    @Test("at 120 columns with the phone beside it, both panes keep whole key help")
    func sideBySide() {
        var portalScreen = Screens.totp()
        portalScreen.status = full
        var phoneScreen = Screens.login()
        phoneScreen.title = "Phone"
        phoneScreen.status = "Tab/↑↓ move · Enter open · Esc back · Ctrl-C quit"
        let terminal = HeadlessTerminal(width: 120, height: 24)
        let app = SideBySideApp(
            portal: FakeDriver(portalScreen), phone: FakeDriver(phoneScreen), device: terminal,
            portalOptions: ViewOptions(portalName: "Northwind"), phoneOptions: ViewOptions(portalName: "Phone"))
        _ = app.run()
        let frame = terminal.frame!
        let portalWidth = 120 - 40
        let portalStatus = String(frame.grid.text(row: 23).prefix(portalWidth))
        let phoneStatus = String(frame.grid.text(row: 23).dropFirst(portalWidth))
        #expect(portalStatus.contains("F6 phone") && portalStatus.contains("Ctrl-C quit"))
        #expect(phoneStatus.contains("Ctrl-C quit"))
        for status in [portalStatus, phoneStatus] {
            for hint in StatusLine.hints(status.trimmingCharacters(in: .whitespaces)) {
                #expect(
                    (StatusLine.hints(full) + StatusLine.hints(phoneScreen.status) + ["F6 phone", "F6 to use"])
                        .contains(hint), "\(hint)")
            }
        }
        // The QR stays between the title bar and the key help.
        #expect(!(0..<120).contains { if case .qr = frame.grid[$0, 23].role { true } else { false } })
    }
}

@Suite("Viewport")
struct ViewportTests {
    @Test("Help opens at the top with its button still on screen; PgDn, End, Home and Up scroll")
    func helpScrolls() throws {
        let driver = FakeDriver(helpScreen())
        let opened = try #require(run(driver, []))
        #expect(opened.scroll == 0)
        #expect(opened.grid.lines.contains { $0.contains("Answer number 1 ") })
        #expect(opened.grid.lines.contains { $0.contains("[ Back ]") })
        #expect(opened.grid.lines[23].contains("↓ more"))

        let paged = try #require(run(FakeDriver(helpScreen()), [.keyCode(KEY_NPAGE)]))
        #expect(paged.scroll > 0)
        #expect(!paged.grid.lines.contains { $0.contains("Answer number 1 ") })
        #expect(paged.grid.lines.contains { $0.contains("[ Back ]") })

        let end = try #require(run(FakeDriver(helpScreen()), [.keyCode(KEY_END)]))
        #expect(end.scroll == end.maxScroll)
        #expect(end.grid.lines.contains { $0.contains("Answer number 30 ") })

        let home = try #require(
            run(FakeDriver(helpScreen()), [.keyCode(KEY_END), .keyCode(KEY_PPAGE), .keyCode(KEY_HOME)]))
        #expect(home.scroll == 0)

        let up = try #require(run(FakeDriver(helpScreen()), [.keyCode(KEY_END), .keyCode(KEY_UP)]))
        #expect(up.scroll == end.scroll - 1)
    }

    @Test("moving the focus scrolls it into view; scrolling away keeps it pinned on screen")
    func focusStaysOnScreen() throws {
        var elements: [Element] = [.button(Button(id: "top", label: "Top"))]
        elements += (1...30).map { .paragraph("Line \($0)") }
        elements.append(.field(Field(id: "bottom", label: "Bottom")))
        let screen = Screen(id: "long", title: "Long", elements: elements, focus: "top", status: "Ctrl-C quit")
        let cases: [[RawInput]] = [
            [.character(0x09)], [.character(0x09), .keyCode(KEY_PPAGE)], [.keyCode(KEY_NPAGE)],
            [.keyCode(KEY_NPAGE), .keyCode(KEY_NPAGE), .keyCode(KEY_NPAGE)],
        ]
        for inputs in cases {
            let driver = FakeDriver(screen)
            let frame = try #require(run(driver, inputs))
            let focused = driver.screen.focus == "top" ? "[ Top ]" : "Bottom"
            #expect(frame.grid.lines[1..<23].contains { $0.contains(focused) }, "\(inputs)")
            if focused == "Bottom" {
                let cursor = try #require(frame.cursor)
                #expect(frame.grid.lines[cursor.y].contains("Bottom"))
            }
        }
    }
}

@Suite("Focus and state without colour")
struct NoColourTests {
    /// What a person sees with colour and attributes removed: the glyphs only.
    func text(_ screen: Screen) -> [String] {
        Layout.frame(screen, width: 80, height: 24, options: ViewOptions(portalName: "Northwind")).grid.lines
    }

    @Test("a Tab changes the glyphs: the marker moves to the next control")
    func tabIsVisible() {
        let order = ["email", "password", "login", "signup", "help"]
        for (from, to) in zip(order, order.dropFirst()) {
            let before = text(Screens.login(focus: from))
            let after = text(Screens.login(focus: to))
            #expect(before != after, "\(from) → \(to)")
            #expect(before.filter { $0.contains("▸") }.count == 1)
            #expect(after.filter { $0.contains("▸") }.count == 1)
        }
        #expect(text(Screens.login(focus: "login")).contains { $0.contains("▸[ Log in ]") })
        #expect(text(Screens.login(focus: "help")).contains { $0.contains("Sign up ·▸Help") })
        #expect(text(Screens.login(focus: "signup")).contains { $0.contains("▸Sign up · Help") })
    }

    @Test("empty fields show their box, a disabled button its round brackets, the focused field the cursor")
    func states() throws {
        let login = text(Screens.login(focus: "email"))
        #expect(login.contains { $0.contains("Email  ____") })
        #expect(login.contains { $0.contains("Password  ____") })
        let off = text(Screens.recovery(checked: false))
        let on = text(Screens.recovery(checked: true))
        #expect(off.contains { $0.contains("( Continue )") })
        #expect(!off.contains { $0.contains("[ Continue ]") })
        #expect(on.contains { $0.contains("[ Continue ]") })
        let frame = Layout.frame(
            Screens.login(focus: "password", password: "abc"), width: 80, height: 24,
            options: ViewOptions(portalName: "Northwind"))
        let cursor = try #require(frame.cursor)
        #expect(frame.grid.lines[cursor.y].contains("▸Password  •••___"))
        #expect(frame.grid[cursor.x, cursor.y].glyph == "_")
    }
}

@Suite("Polish")
struct PolishTests {
    @Test("a list item too long for its row ends in an ellipsis, never a cut word")
    func ellipsis() throws {
        let subject = "Your code to set up two-factor authentication for Northwind Partner Portal accounts"
        let screen = Screen(
            id: "phone.mail", title: "Mail",
            elements: [
                .list(
                    ListBox(
                        id: "mail", label: "Mail",
                        items: [ListBox.Item(id: "m1", label: "09:00", detail: subject)], selected: 0))
            ], focus: "mail")
        let lines = Layout.frame(screen, width: 40, height: 12, options: ViewOptions(portalName: "Phone")).grid
            .lines
        let row = try #require(lines.first { $0.contains("09:00") })
        #expect(row.hasSuffix("…"))
        let shown = row.split(separator: " ").dropFirst(2).joined(separator: " ").dropLast()
        #expect(subject.hasPrefix(String(shown)))
        #expect(subject.split(separator: " ").contains { $0 == shown.split(separator: " ").last! })
        #expect(Layout.shortened("abc def", to: 10, ascii: false) == "abc def")
        #expect(Layout.shortened("abcdefghijkl", to: 6, ascii: true) == "abc...")
    }
}
