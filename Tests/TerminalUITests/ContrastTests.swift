import KeepsafeFlow
import Testing

@testable import TerminalUI

/// Every text role, as the palette draws it.
private let textRoles: [Role] = [
    .normal, .titleBar, .heading, .dim, .info, .success, .warning, .error, .banner, .bannerFocused, .label,
    .field, .fieldFocused, .button, .buttonFocused, .buttonDisabled, .link, .linkFocused, .toggle,
    .toggleFocused, .listItem, .listSelected, .listSelectedFocused, .code, .status,
]

/// The contrast of `look` on a terminal whose own colours are `defaults` (nil entries).
private func contrast(_ look: Appearance, defaults: (foreground: RGB, background: RGB)) -> Double {
    var foreground = look.foreground.map(Contrast.rgb) ?? defaults.foreground
    var background = look.background.map(Contrast.rgb) ?? defaults.background
    if look.reverse { swap(&foreground, &background) }
    return Contrast.ratio(foreground, background)
}

private let black = RGB(red: 0, green: 0, blue: 0)
private let white = RGB(red: 255, green: 255, blue: 255)

@Suite("Contrast")
struct ContrastTests {
    @Test("the WCAG formula: black on white is 21:1, equal colours 1:1")
    func formula() {
        #expect(abs(Contrast.ratio(black, white) - 21) < 0.01)
        #expect(abs(Contrast.ratio(white, white) - 1) < 0.01)
        #expect(Contrast.rgb(231) == white && Contrast.rgb(16) == black)
        #expect(Contrast.rgb(234) == RGB(red: 28, green: 28, blue: 28))
    }

    @Test(
        "every text role reaches 4.5:1 in the dark and light themes, with the default brand and odd ones",
        arguments: [ThemeChoice.dark, .light])
    func table(theme: ThemeChoice) {
        for brand in [
            [:], ["accent": "#ffff00", "banner": "#000080", "error": "#ff0000"],
            ["accent": "#777777", "success": "#00ff00", "warning": "#ffa500"],
        ] {
            let palette = Palette(theme: theme, colors: 256, brandColors: brand, noColor: false)
            var lowest = 21.0
            for role in textRoles {
                let look = palette.appearance(role)
                // Explicit themes set both colours: the terminal's own never matter.
                #expect(look.foreground != nil && look.background != nil, "\(theme) \(role)")
                // Any terminal default will do for the check; they are never used.
                let ratio = contrast(look, defaults: (white, white))
                lowest = min(lowest, ratio)
                #expect(ratio >= Contrast.minimum, "\(theme) \(role) \(brand): \(ratio)")
            }
            #expect(lowest >= 4.5)
        }
    }

    @Test("auto on an unknown background: text in the terminal's own colours, colours only in pairs")
    func autoUnknown() {
        let palette = Palette(theme: .auto, colors: 256, brandColors: [:], noColor: false)
        for role in textRoles {
            let look = palette.appearance(role)
            #expect((look.foreground == nil) == (look.background == nil), "\(role)")
            for defaults in [(black, white), (white, black)] {
                #expect(contrast(look, defaults: defaults) >= Contrast.minimum, "\(role)")
            }
        }
    }

    @Test("every text cell of real frames reaches 4.5:1", arguments: [ThemeChoice.dark, .light])
    func frames(theme: ThemeChoice) {
        let palette = Palette(theme: theme, colors: 256, brandColors: [:], noColor: false)
        var screens = [
            Screens.login(), Screens.login(focus: "login"), Screens.login(focus: "signup"), Screens.totp(),
            Screens.recovery(), Screens.recovery(checked: true, focus: "continue"),
        ]
        screens[0].elements.insert(.banner(Banner(id: "news", text: "Maintenance tonight", dismissible: true)), at: 0)
        screens[0].elements.append(.message(Message(.error, "Wrong email or password.")))
        screens[1].elements.append(.message(Message(.success, "Saved.")))
        screens[2].elements.append(.message(Message(.warning, "Check the number.")))
        var lowest = 21.0
        for screen in screens {
            let grid = Layout.frame(screen, width: 80, height: 24, options: ViewOptions(portalName: "Northwind"))
                .grid
            for cell in grid.cells where cell.glyph != " " && !cell.continuation {
                if case .qr(let upper, let lower) = cell.role {
                    // Modules, not text: block glyphs, half and half in black and white or
                    // one full block of one shade.
                    #expect(upper == lower ? cell.glyph == "█" : ["▀", "▄"].contains(cell.glyph))
                    continue
                }
                let ratio = contrast(palette.appearance(cell.role), defaults: (white, white))
                lowest = min(lowest, ratio)
                #expect(ratio >= Contrast.minimum, "\(screen.id) \(cell.role) '\(cell.glyph)'")
            }
        }
        print("lowest text contrast, \(theme) theme: \(lowest)")
    }
}

@Suite("Background detection")
struct BackgroundProbeTests {
    @Test("OSC 11 replies in 1 to 4 hex digits per channel, ended by BEL or ST")
    func replies() throws {
        let white = try #require(BackgroundProbe.parseReply("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[?62;22c"))
        #expect(white == RGB(red: 255, green: 255, blue: 255))
        #expect(BackgroundProbe.isLight(white))
        let dark = try #require(BackgroundProbe.parseReply("\u{1B}]11;rgb:1d/1f/21\u{07}"))
        #expect(dark == RGB(red: 0x1D, green: 0x1F, blue: 0x21))
        #expect(!BackgroundProbe.isLight(dark))
        #expect(BackgroundProbe.isLight(try #require(BackgroundProbe.parseReply("\u{1B}]11;rgb:f/f/e\u{07}"))))
        #expect(BackgroundProbe.parseReply("\u{1B}[?62;22c") == nil)
        #expect(BackgroundProbe.parseReply("\u{1B}]11;rgb:zz/00/00\u{07}") == nil)
    }

    @Test("COLORFGBG: the last field is the background's palette entry")
    func colorFGBG() {
        #expect(BackgroundProbe.colorFGBG("0;15") == true)
        #expect(BackgroundProbe.colorFGBG("0;default;7") == true)
        #expect(BackgroundProbe.colorFGBG("15;0") == false)
        #expect(BackgroundProbe.colorFGBG("7;8") == false)
        #expect(BackgroundProbe.colorFGBG(nil) == nil)
        #expect(BackgroundProbe.colorFGBG("garbage") == nil)
        // Explicit themes are never second-guessed; COLORFGBG decides without asking.
        #expect(BackgroundProbe.resolveFromEnvironment(.dark, environment: ["COLORFGBG": "0;15"]) == .dark)
        #expect(BackgroundProbe.resolveFromEnvironment(.auto, environment: ["COLORFGBG": "0;15"]) == .light)
        #expect(BackgroundProbe.resolveFromEnvironment(.auto, environment: ["COLORFGBG": "15;0"]) == .dark)
        #expect(BackgroundProbe.resolveFromEnvironment(.auto, environment: [:]) == .auto)
        // Only an undecided auto on a real terminal asks (and no test runs on one).
        #expect(!BackgroundProbe.shouldAsk(.light, environment: ["TERM": "xterm-256color"]))
        #expect(!BackgroundProbe.shouldAsk(.auto, environment: ["TERM": "dumb"]))
    }
}
