import KeepsafeFlow
import QRCode
import Testing

@testable import TerminalUI

/// The upper and lower module shades a drawn QR cell shows.
func modules(_ cell: Cell) -> [QRShade] {
    guard case .qr(let foreground, let background) = cell.role else { return [] }
    switch cell.glyph {
    case "▄": return [background, foreground]
    case "█": return [foreground, foreground]
    default: return [foreground, background]
    }
}

/// The QR cells found in a grid, row by row (rows without any left out).
func qrCells(in grid: CellGrid) -> [[Cell]] {
    (0..<grid.height).compactMap { y in
        let row = (0..<grid.width).map { grid[$0, y] }.filter {
            if case .qr = $0.role { return true }
            return $0.role == .qrReverse
        }
        return row.isEmpty ? nil : row
    }
}

@Suite("Layout")
struct LayoutTests {
    let options = ViewOptions(portalName: "Northwind Partner Portal")

    @Test("the login screen at 80x24: title bar, fields, masked password, status line, cursor")
    func login() throws {
        let screen = Screens.login(focus: "password", email: "alice@example.com", password: "hunter22")
        let frame = Layout.frame(screen, width: 80, height: 24, options: options)
        let lines = frame.grid.lines
        #expect(lines[0].contains("Northwind Partner Portal"))
        #expect(frame.grid[0, 0].role == .titleBar)
        #expect(lines.contains { $0.contains("Log in") })
        #expect(lines.contains { $0.contains("Email") && $0.contains("alice@example.com") })
        let passwordLine = try #require(lines.first { $0.contains("Password") })
        #expect(passwordLine.contains("••••••••"))
        #expect(!lines.joined().contains("hunter22"))
        #expect(lines[23].contains("Ctrl-C quit"))
        #expect(frame.grid[0, 23].role == .status)
        let cursor = try #require(frame.cursor)
        // The caret sits right after the eighth bullet of the password.
        let bulletsEnd = try #require(passwordLine.range(of: "••••••••")?.upperBound)
        #expect(cursor.x == passwordLine.distance(from: passwordLine.startIndex, to: bulletsEnd))
        #expect(lines[cursor.y] == passwordLine)
        #expect(frame.needed == nil)
    }

    @Test("the focused control is drawn in its focused role", arguments: ["login", "signup", "email"])
    func focusVisible(focus: String) throws {
        let frame = Layout.frame(Screens.login(focus: focus), width: 80, height: 24, options: options)
        let roles = Set(frame.grid.cells.map(\.role))
        let expected: Role =
            focus == "login" ? .buttonFocused : focus == "signup" ? .linkFocused : .fieldFocused
        #expect(roles.contains(expected))
        for other: Role in [.buttonFocused, .linkFocused, .fieldFocused] where other != expected {
            #expect(!roles.contains(other))
        }
    }

    @Test("a terminal below the minimum says the size it needs")
    func tooSmall() {
        let frame = Layout.frame(Screens.login(), width: 30, height: 10, options: options)
        #expect(frame.needed == TerminalSize(width: 40, height: 12))
        let text = frame.grid.lines.joined(separator: " ")
        #expect(text.contains("40×12"))
        #expect(text.contains("30×10"))
    }

    @Test("the checkbox shows its state")
    func checkbox() {
        let off = Layout.frame(Screens.recovery(checked: false), width: 80, height: 24, options: options).grid
            .lines
        let on = Layout.frame(Screens.recovery(checked: true), width: 80, height: 24, options: options).grid
            .lines
        #expect(off.contains { $0.contains("[ ] I have safely recorded this code") })
        #expect(on.contains { $0.contains("[x] I have safely recorded this code") })
        #expect(off.contains { $0.contains("ABCD EFGH JKLM NPQR STUV WXYZ") })
    }

    @Test("a typical enrollment QR fits 80x24 beside the text, between the title and the key help")
    func qrBeside() throws {
        let frame = Layout.frame(Screens.totp(), width: 80, height: 24, options: options)
        // A version 5 symbol with 4 modules of quiet zone is 23 rows: one too many between
        // the title bar and the status line, so the quiet zone is 3 modules.
        let expected = try QRCode.encode(text: Screens.totpURI, errorCorrection: .low).cells(
            style: .halfBlocks, margin: 3)
        let drawn = qrCells(in: frame.grid)
        #expect(drawn.count == expected.count)
        #expect(drawn.count <= 22)
        #expect(!(0..<80).contains { if case .qr = frame.grid[$0, 0].role { true } else { false } })
        #expect((0..<80).allSatisfy { frame.grid[$0, 23].role == .status })
        #expect(frame.grid.lines[0].contains("Keep Your Account Safe"))
        #expect(frame.grid.lines[23] == " Tab next · Enter continue · Esc back")
        for (row, cells) in zip(drawn, expected) {
            // What is drawn, module for module: (upper, lower) shades of every cell.
            #expect(row.map(modules) == cells.map { [$0.foreground, $0.background] })
            // Cells whose two modules share a shade are full blocks in that shade.
            #expect(row.allSatisfy { modules($0)[0] != modules($0)[1] || $0.glyph == "█" })
        }
        #expect(frame.showsQR)
        // The text sits beside the symbol: the code field shares rows with QR cells.
        let codeRow = try #require(frame.grid.lines.firstIndex { $0.contains("Code") })
        #expect((0..<80).contains { if case .qr = frame.grid[$0, codeRow].role { true } else { false } })
        #expect(frame.grid.lines.contains { $0.contains("i invert") })
    }

    @Test("a narrow, tall terminal stacks the QR above the text")
    func qrStacked() throws {
        let frame = Layout.frame(Screens.totp(), width: 60, height: 50, options: options)
        let expected = try QRCode.encode(text: Screens.totpURI, errorCorrection: .low).cells(
            style: .halfBlocks)
        #expect(qrCells(in: frame.grid).count == expected.count)
        let lastQRRow = try #require(
            (0..<50).last { y in
                (0..<60).contains { if case .qr = frame.grid[$0, y].role { true } else { false } }
            })
        let codeRow = try #require(frame.grid.lines.firstIndex { $0.contains("Code") })
        #expect(codeRow > lastQRRow)
    }

    @Test("invert swaps every shade, and the two-column fallback doubles the width")
    func qrToggles() throws {
        let symbol = try QRCode.encode(text: Screens.totpURI, errorCorrection: .low)
        var inverted = options
        inverted.qrInverted = true
        let drawn = qrCells(in: Layout.frame(Screens.totp(), width: 100, height: 30, options: inverted).grid)
        #expect(
            drawn.map { $0.map(modules) }
                == symbol.cells(style: .halfBlocks, invert: true).map { $0.map { [$0.foreground, $0.background] } })
        var wide = options
        wide.qrTwoColumns = true
        let twoColumns = qrCells(in: Layout.frame(Screens.totp(), width: 200, height: 60, options: wide).grid)
        #expect(twoColumns.count == symbol.size + 8)
        #expect(twoColumns.first?.count == 2 * (symbol.size + 8))
    }

    @Test("a QR that cannot fit is replaced by the size it needs and the key")
    func qrTooBig() {
        let frame = Layout.frame(Screens.totp(), width: 50, height: 20, options: options)
        let text = frame.grid.lines.joined(separator: " ")
        #expect(qrCells(in: frame.grid).isEmpty)
        #expect(text.contains("needs a terminal of at least"))
        #expect(text.contains("JBSW"))
        #expect(!frame.showsQR)
    }

    @Test("monochrome draws light modules in reverse video, never with colours")
    func qrMono() {
        var mono = options
        mono.monochrome = true
        let grid = Layout.frame(Screens.totp(), width: 100, height: 30, options: mono).grid
        #expect(grid.cells.contains { $0.role == .qrReverse })
        #expect(!grid.cells.contains { if case .qr = $0.role { true } else { false } })
    }

    @Test("without UTF-8 every glyph is ASCII, on every kind of screen")
    func asciiOnly() {
        var ascii = options
        ascii.unicode = false
        for screen in [
            Screens.login(focus: "password", password: "secret99"), Screens.totp(), Screens.recovery(),
        ] {
            for (width, height) in [(80, 24), (200, 60), (30, 8)] {
                let grid = Layout.frame(screen, width: width, height: height, options: ascii).grid
                #expect(grid.cells.allSatisfy { $0.glyph.isASCII }, "\(screen.id) at \(width)x\(height)")
            }
        }
    }

    @Test("escape sequences and bidi overrides in user text never reach the grid")
    func neutralised() {
        let hostile = "Mallory\u{1B}]0;x\u{07}\u{1B}[2J\u{9B}31m\u{202E}evil\r\n\u{7F}"
        var screen = Screens.login(email: hostile)
        screen.title = hostile
        screen.elements.append(.paragraph("Welcome " + hostile))
        screen.elements.append(.message(Message(.error, hostile)))
        for unicode in [true, false] {
            var view = options
            view.unicode = unicode
            view.portalName = hostile
            let grid = Layout.frame(screen, width: 80, height: 24, options: view).grid
            let scalars = grid.cells.flatMap { $0.glyph.unicodeScalars }
            #expect(!scalars.contains { Sanitizer.isRefused($0) })
            #expect(grid.lines.joined().contains("Mallory"))
        }
    }

    @Test("a screen taller than the terminal scrolls to keep the focus visible")
    func scrolling() throws {
        var elements: [Element] = (1...30).map { .paragraph("Answer number \($0) of the help page.") }
        elements.append(.button(Button(id: "back", label: "Back")))
        let screen = Screen(id: "help", title: "Help", elements: elements, focus: "back", status: "Esc back")
        let frame = Layout.frame(screen, width: 80, height: 24, options: options)
        #expect(frame.maxScroll > 0)
        #expect(frame.scroll == frame.maxScroll)
        #expect(frame.grid.lines.contains { $0.contains("[ Back ]") })
        #expect(frame.grid.lines[23].contains("PgUp"))
        var top = options
        top.scroll = 0
        var unfocused = screen
        unfocused.focus = nil
        let first = Layout.frame(unfocused, width: 80, height: 24, options: top)
        #expect(first.scroll == 0)
        #expect(first.grid.lines.contains { $0.contains("Answer number 1 ") })
    }

    @Test("a list shows the window around its selection and its search text")
    func list() throws {
        let items = (0..<50).map { ListBox.Item(id: "c\($0)", label: "Country \($0)") }
        let screen = Screen(
            id: "enroll.sms.number", title: "SMS",
            elements: [
                .list(
                    ListBox(
                        id: "country", label: "Country", items: items, selected: 30, filter: "Cou",
                        visibleRows: 6))
            ],
            focus: "country")
        let lines = Layout.frame(screen, width: 80, height: 24, options: options).grid.lines
        #expect(lines.contains { $0.contains("> Country 30") })
        #expect(lines.contains { $0.contains("search: Cou") })
        #expect(lines.filter { $0.contains("Country ") && !$0.contains("search") }.count == 6)
        #expect(!lines.contains { $0.contains("Country 0") })
    }

    @Test("resizing lays out the same screen again at every size, never losing it")
    func everySize() {
        for width in stride(from: 20, through: 220, by: 20) {
            for height in stride(from: 6, through: 70, by: 8) {
                for screen in [Screens.login(), Screens.totp(), Screens.recovery()] {
                    let frame = Layout.frame(screen, width: width, height: height, options: options)
                    #expect(frame.grid.width == width && frame.grid.height == height)
                    guard frame.needed == nil else { continue }
                    if frame.maxScroll == 0 {
                        #expect(
                            frame.grid.lines.joined().contains(screen.title),
                            "\(screen.id) \(width)x\(height)")
                    }
                    // Scrolled or not, the focused control is on screen.
                    let focused = frame.grid.cells.contains {
                        [.fieldFocused, .toggleFocused, .buttonFocused].contains($0.role)
                    }
                    #expect(focused, "\(screen.id) \(width)x\(height)")
                }
            }
        }
    }
}

@Suite("Text")
struct ColumnsTests {
    @Test("wrapping keeps every line within the width and loses no word")
    func wrap() {
        let text =
            "Multi-factor authentication asks for something you know and something you have. supercalifragilisticexpialidocious"
        for width in [5, 10, 33, 80] {
            let lines = Columns.wrap(text, width: width)
            #expect(lines.allSatisfy { Columns.width($0) <= width })
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        }
    }

    @Test("wide glyphs take two columns")
    func wide() {
        #expect(Columns.width("日本") == 4)
        #expect(Columns.width("abc") == 3)
    }
}

@Suite("Palette")
struct PaletteTests {
    @Test("NO_COLOR, the mono theme and colourless terminals use no colour at all")
    func monochrome() {
        for palette in [
            Palette(theme: .dark, colors: 256, brandColors: [:], noColor: true),
            Palette(theme: .mono, colors: 256, brandColors: [:], noColor: false),
            Palette(theme: .auto, colors: 0, brandColors: [:], noColor: false),
        ] {
            #expect(palette.monochrome)
            for role: Role in [.normal, .titleBar, .fieldFocused, .buttonFocused, .error, .status] {
                let look = palette.appearance(role)
                #expect(look.foreground == nil && look.background == nil)
            }
            #expect(palette.appearance(.qrReverse).reverse)
        }
    }

    @Test("QR shades stay black and white whatever the theme; brand colours map to the nearest entry")
    func colours() {
        for theme in [ThemeChoice.auto, .dark, .light] {
            let palette = Palette(
                theme: theme, colors: 256, brandColors: ["accent": "#ff0000"], noColor: false)
            #expect(!palette.monochrome)
            // The cube's pure black and white, not the theme-coloured first 16.
            let look = palette.appearance(.qr(foreground: .dark, background: .light))
            #expect(look == Appearance(foreground: 16, background: 231))
            #expect(Contrast.rgb(look.foreground!) == RGB(red: 0, green: 0, blue: 0))
            #expect(Contrast.rgb(look.background!) == RGB(red: 255, green: 255, blue: 255))
            #expect(palette.appearance(.titleBar).background == 196)
        }
        let sixteen = Palette(theme: .light, colors: 16, brandColors: [:], noColor: false)
        #expect(
            sixteen.appearance(.qr(foreground: .dark, background: .light))
                == Appearance(foreground: 0, background: 15))
        let basic = Palette(theme: .dark, colors: 8, brandColors: ["accent": "#ff0000"], noColor: false)
        #expect(basic.appearance(.titleBar).background == 1)
        #expect(
            basic.appearance(.qr(foreground: .light, background: .dark))
                == Appearance(foreground: 7, background: 0))
    }
}

@Suite("QR and line spacing")
struct QRLineSpacingTests {
    /// The picture a terminal with line spacing draws of a QR block: per cell, `gap`
    /// pixel rows in the cell's background (above or below the glyph), then the glyph's
    /// upper and lower halves of `half` pixel rows each. Returns pixel rows of shades.
    func picture(_ rows: [[Cell]], gapAbove: Bool, gap: Int = 1, half: Int = 4) -> [[QRShade]] {
        var pixels: [[QRShade]] = []
        for row in rows {
            let background = row.map { cell -> QRShade in
                guard case .qr(_, let background) = cell.role else { return .light }
                return background
            }
            let shades = row.map(modules)
            if gapAbove { for _ in 0..<gap { pixels.append(background) } }
            for _ in 0..<half { pixels.append(shades.map { $0[0] }) }
            for _ in 0..<half { pixels.append(shades.map { $0[1] }) }
            if !gapAbove { for _ in 0..<gap { pixels.append(background) } }
        }
        return pixels
    }

    /// Vertical runs shorter than a module: strips of a shade neither neighbour has.
    func slivers(_ pixels: [[QRShade]], half: Int = 4) -> Int {
        guard let width = pixels.first?.count else { return 0 }
        var count = 0
        for x in 0..<width {
            var run = 0
            for y in pixels.indices {
                run += 1
                if y + 1 == pixels.count || pixels[y + 1][x] != pixels[y][x] {
                    if run < half { count += 1 }
                    run = 0
                }
            }
        }
        return count
    }

    @Test("gaps below the glyph never make slivers; gaps above make a third fewer than with upper halves only")
    func slivers() throws {
        let frame = Layout.frame(Screens.totp(), width: 80, height: 24, options: ViewOptions(portalName: "N"))
        let drawn = qrCells(in: frame.grid)
        let upperOnly = drawn.map { row in
            row.map { cell -> Cell in
                let shades = modules(cell)
                return Cell("▀", role: .qr(foreground: shades[0], background: shades[1]))
            }
        }
        #expect(slivers(picture(drawn, gapAbove: false)) == 0)
        let above = slivers(picture(drawn, gapAbove: true))
        let naive = slivers(picture(upperOnly, gapAbove: true))
        #expect(naive > 0)
        // Not all: where neither neighbour continues the cell, one kind of gap must cut.
        #expect(above * 3 < naive * 2, "\(above) slivers against \(naive)")
    }
}

