import QRCode

/// `--theme auto|dark|light|mono`.
public enum ThemeChoice: String, Sendable, CaseIterable {
    /// Colours when the terminal has them and `NO_COLOR` is unset; the terminal's own
    /// background.
    case auto
    /// Light text on a dark background, whatever the terminal's default.
    case dark
    /// Dark text on a light background.
    case light
    /// No colour at all: bold, underline and reverse video only.
    case mono
}

/// How a role looks on one terminal: colours as palette indexes (0-255, `nil` = the
/// terminal's default) and attributes.
public struct Appearance: Sendable, Hashable {
    public var foreground: Int?
    public var background: Int?
    public var bold = false
    public var underline = false
    public var reverse = false
    public var dim = false

    public init(
        foreground: Int? = nil, background: Int? = nil, bold: Bool = false, underline: Bool = false,
        reverse: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }
}

/// Role → appearance for one theme, brand and colour depth.
public struct Palette: Sendable {
    /// The theme the colours were made for.
    public let theme: ThemeChoice
    /// True when no colour is used (mono theme, `NO_COLOR`, or a terminal without colour).
    public let monochrome: Bool
    /// True when the QR is drawn in explicit black and white: whenever the terminal has
    /// colours, `NO_COLOR` included (it is about decoration; a QR in reverse video does not
    /// scan on a light terminal). Only the mono theme and colourless terminals use reverse
    /// video.
    public let qrInColour: Bool
    private let table: [Role: Appearance]
    /// The QR's two shades. With 256 colours they are the xterm cube's pure black (16) and
    /// pure white (231), which no theme recolours; the first 16 colours are the theme's to
    /// choose (Tomorrow Night's black is #282a2e, Solarized's bright white #fdf6e3), and
    /// every step of contrast lost is a photo that no longer scans. With fewer colours,
    /// black (0) and bright white (15), or white (7) on 8-colour terminals.
    private let dark: Int
    private let light: Int

    /// - Parameters:
    ///   - theme: the user's choice; `.auto` keeps the terminal's default colours.
    ///   - colors: how many colours the terminal has (0, 8, 16, 88 or 256).
    ///   - brandColors: `#rrggbb` by role (`accent`, `banner`, `error`, `success`, `warning`).
    ///   - noColor: true when `NO_COLOR` is set to a non-empty value.
    public init(theme: ThemeChoice, colors: Int, brandColors: [String: String], noColor: Bool) {
        self.theme = theme
        monochrome = theme == .mono || noColor || colors < 8
        qrInColour = theme != .mono && colors >= 8
        (dark, light) = colors >= 256 ? (16, 231) : (0, colors >= 16 ? 15 : 7)
        table =
            monochrome ? Palette.mono() : Palette.coloured(theme: theme, colors: colors, brand: brandColors)
    }

    /// The appearance of `role`.
    public func appearance(_ role: Role) -> Appearance {
        if case .qr(let foreground, let background) = role {
            return Appearance(foreground: shade(foreground), background: shade(background))
        }
        if role == .qrReverse { return Appearance(reverse: true) }
        return table[role] ?? table[.normal] ?? Appearance()
    }

    /// QR shades are explicit: black and (bright) white, never the terminal default.
    private func shade(_ shade: QRShade) -> Int { shade == .dark ? dark : light }

    private static func mono() -> [Role: Appearance] {
        [
            .normal: Appearance(),
            .titleBar: Appearance(bold: true, reverse: true),
            .heading: Appearance(bold: true, underline: true),
            .dim: Appearance(dim: true),
            .info: Appearance(),
            .success: Appearance(bold: true),
            .warning: Appearance(bold: true),
            .error: Appearance(bold: true, underline: true),
            .banner: Appearance(reverse: true),
            .bannerFocused: Appearance(bold: true, underline: true, reverse: true),
            .label: Appearance(),
            .field: Appearance(underline: true),
            .fieldFocused: Appearance(bold: true, underline: true),
            .button: Appearance(bold: true),
            .buttonFocused: Appearance(bold: true, reverse: true),
            .buttonDisabled: Appearance(dim: true),
            .link: Appearance(underline: true),
            .linkFocused: Appearance(underline: true, reverse: true),
            .toggle: Appearance(),
            .toggleFocused: Appearance(reverse: true),
            .listItem: Appearance(),
            .listSelected: Appearance(bold: true),
            .listSelectedFocused: Appearance(bold: true, reverse: true),
            .code: Appearance(bold: true),
            .status: Appearance(reverse: true),
        ]
    }

    private static func coloured(theme: ThemeChoice, colors: Int, brand: [String: String]) -> [Role:
        Appearance]
    {
        guard colors >= 256 else { return basic(theme: theme, colors: colors, brand: brand) }
        return rich(theme: theme, brand: brand)
    }

    /// The brand's colour for `key`, or the default brand's.
    private static func brandColour(_ brand: [String: String], _ key: String) -> RGB {
        if let hex = brand[key], let rgb = RGB(hex: hex) { return rgb }
        let defaults = [
            "accent": "#2f6fb3", "banner": "#f2c14e", "error": "#c0392b", "success": "#2e8b57",
            "warning": "#d68910",
        ]
        return RGB(hex: defaults[key] ?? "#808080")!
    }

    /// 256 colours: every text colour is chosen from the xterm cube and grey ramp (the
    /// same on every terminal, unlike the first 16) so that each text role reaches WCAG AA
    /// (4.5:1) against its own background. `.auto` (background unknown) keeps the
    /// terminal's own colours for text and sets colours only in pairs.
    private static func rich(theme: ThemeChoice, brand: [String: String]) -> [Role: Appearance] {
        let (fg, bg): (Int?, Int?) =
            switch theme {
            case .dark: (252, 234)
            case .light: (235, 255)
            case .auto, .mono: (nil, nil)
            }
        /// A brand colour as text on the theme's background, lightened or darkened to 4.5:1.
        func text(_ key: String) -> Int? {
            guard let bg else { return nil }
            return Contrast.readable(brandColour(brand, key), on: bg)
        }
        /// A brand colour as a background, with black or white text on it.
        func fill(_ key: String) -> (foreground: Int, background: Int) {
            Contrast.filled(brandColour(brand, key))
        }
        let grey = bg.map { Contrast.readable(RGB(red: 128, green: 128, blue: 128), on: $0) }
        let accent = fill("accent")
        let banner = fill("banner")
        let field: (Int?, Int?) =
            switch theme {
            case .dark: (252, 238)
            case .light: (235, 253)
            case .auto, .mono: (nil, nil)
            }
        let status: (Int, Int) =
            switch theme {
            case .dark: (16, 245)
            case .light: (231, 240)
            case .auto, .mono: (16, 250)
            }
        return [
            .normal: Appearance(foreground: fg, background: bg),
            .titleBar: Appearance(foreground: accent.foreground, background: accent.background, bold: true),
            .heading: Appearance(foreground: theme == .light ? text("accent") : fg, background: bg, bold: true),
            .dim: Appearance(foreground: grey ?? fg, background: bg),
            .info: Appearance(foreground: text("accent") ?? fg, background: bg, bold: true),
            .success: Appearance(foreground: text("success") ?? fg, background: bg, bold: true),
            .warning: Appearance(foreground: text("warning") ?? fg, background: bg, bold: true),
            .error: Appearance(foreground: text("error") ?? fg, background: bg, bold: true),
            .banner: Appearance(foreground: banner.foreground, background: banner.background),
            .bannerFocused: Appearance(
                foreground: banner.foreground, background: banner.background, bold: true, underline: true),
            .label: Appearance(foreground: fg, background: bg),
            .field: Appearance(foreground: field.0, background: field.1, underline: field.1 == nil),
            .fieldFocused: Appearance(foreground: accent.foreground, background: accent.background, bold: true),
            .button: Appearance(foreground: text("accent") ?? fg, background: bg, bold: true),
            .buttonFocused: Appearance(
                foreground: accent.foreground, background: accent.background, bold: true),
            .buttonDisabled: Appearance(foreground: grey ?? fg, background: bg),
            .link: Appearance(foreground: text("accent") ?? fg, background: bg, underline: true),
            .linkFocused: Appearance(
                foreground: accent.foreground, background: accent.background, underline: true),
            .toggle: Appearance(foreground: fg, background: bg),
            .toggleFocused: Appearance(
                foreground: accent.foreground, background: accent.background, bold: true),
            .listItem: Appearance(foreground: fg, background: bg),
            .listSelected: Appearance(foreground: text("accent") ?? fg, background: bg, bold: true),
            .listSelectedFocused: Appearance(
                foreground: accent.foreground, background: accent.background, bold: true),
            .code: Appearance(foreground: theme == .dark ? 229 : fg, background: bg, bold: true),
            .status: Appearance(foreground: status.0, background: status.1),
        ]
    }

    /// 8 or 16 colours: the terminal's own palette, whose colours are unknown.
    private static func basic(theme: ThemeChoice, colors: Int, brand: [String: String]) -> [Role: Appearance] {
        func pick(_ key: String, _ fallback: Int) -> Int {
            guard let hex = brand[key], let rgb = RGB(hex: hex) else { return fallback }
            return rgb.basic8
        }
        let accent = pick("accent", 4)
        let banner = pick("banner", 3)
        let error = pick("error", 1)
        let success = pick("success", 2)
        let warning = pick("warning", 3)
        let (fg, bg, subtle): (Int?, Int?, Int) =
            switch theme {
            case .dark: (7, 0, 7)
            case .light: (0, 7, 0)
            case .auto, .mono: (nil, nil, 7)
            }
        let fieldBackground: Int? = theme == .light ? 7 : nil
        return [
            .normal: Appearance(foreground: fg, background: bg),
            .titleBar: Appearance(foreground: 15, background: accent, bold: true),
            .heading: Appearance(foreground: theme == .light ? accent : fg, background: bg, bold: true),
            .dim: Appearance(foreground: theme == .auto ? fg : subtle, background: bg),
            .info: Appearance(foreground: accent, background: bg, bold: true),
            .success: Appearance(foreground: success, background: bg, bold: true),
            .warning: Appearance(foreground: warning, background: bg, bold: true),
            .error: Appearance(foreground: error, background: bg, bold: true),
            .banner: Appearance(foreground: 0, background: banner),
            .bannerFocused: Appearance(foreground: 0, background: banner, bold: true, underline: true),
            .label: Appearance(foreground: fg, background: bg),
            .field: Appearance(
                foreground: fg, background: fieldBackground, underline: fieldBackground == nil),
            .fieldFocused: Appearance(foreground: 15, background: accent, bold: true),
            .button: Appearance(foreground: accent, background: bg, bold: true),
            .buttonFocused: Appearance(foreground: 15, background: accent, bold: true),
            .buttonDisabled: Appearance(foreground: subtle, background: bg),
            .link: Appearance(foreground: accent, background: bg, underline: true),
            .linkFocused: Appearance(foreground: 15, background: accent, underline: true),
            .toggle: Appearance(foreground: fg, background: bg),
            .toggleFocused: Appearance(foreground: 15, background: accent, bold: true),
            .listItem: Appearance(foreground: fg, background: bg),
            .listSelected: Appearance(foreground: accent, background: bg, bold: true),
            .listSelectedFocused: Appearance(foreground: 15, background: accent, bold: true),
            .code: Appearance(foreground: theme == .light ? 0 : 3, background: bg, bold: true),
            .status: Appearance(foreground: theme == .light ? 15 : 0, background: 7),
        ]
    }
}

/// A `#rrggbb` colour and its nearest terminal palette entries.
struct RGB: Equatable, Sendable {
    var red: Int
    var green: Int
    var blue: Int

    init(red: Int, green: Int, blue: Int) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    init?(hex: String) {
        var digits = Substring(hex)
        if digits.first == "#" { digits = digits.dropFirst() }
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return nil }
        red = value >> 16 & 0xFF
        green = value >> 8 & 0xFF
        blue = value & 0xFF
    }

    /// Nearest entry of the xterm 6×6×6 colour cube (indexes 16-231) or grey ramp (232-255).
    var xterm256: Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearest(_ value: Int) -> Int {
            levels.indices.min { abs(levels[$0] - value) < abs(levels[$1] - value) } ?? 0
        }
        let (r, g, b) = (nearest(red), nearest(green), nearest(blue))
        let cube = 16 + 36 * r + 6 * g + b
        let cubeError = distance(levels[r], levels[g], levels[b])
        let grey = max(0, min(23, ((red + green + blue) / 3 - 8 + 5) / 10))
        let greyLevel = 8 + grey * 10
        return distance(greyLevel, greyLevel, greyLevel) < cubeError ? 232 + grey : cube
    }

    /// Nearest of the eight basic ANSI colours.
    var basic8: Int {
        let basics = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229),
        ]
        return basics.indices.min { distance(basics[$0]) < distance(basics[$1]) } ?? 7
    }

    private func distance(_ other: (Int, Int, Int)) -> Int { distance(other.0, other.1, other.2) }

    private func distance(_ r: Int, _ g: Int, _ b: Int) -> Int {
        (red - r) * (red - r) + (green - g) * (green - g) + (blue - b) * (blue - b)
    }
}
