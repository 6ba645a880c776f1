#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// WCAG 2 contrast between terminal colours, and colour choices that reach it.
public enum Contrast {
    /// The least contrast for text (WCAG 2 level AA, normal text).
    public static let minimum = 4.5
    /// What colour choices aim for: a margin above `minimum`, so that a terminal whose
    /// palette is a shade off still reaches it.
    static let target = 5.0

    /// The colour of xterm palette entry `index` (0-255): the 16 system colours as xterm
    /// draws them by default, the 6×6×6 cube and the grey ramp.
    static func rgb(_ index: Int) -> RGB {
        let system: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        switch index {
        case 0..<16:
            let (r, g, b) = system[index]
            return RGB(red: r, green: g, blue: b)
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let cube = index - 16
            return RGB(red: levels[cube / 36], green: levels[cube / 6 % 6], blue: levels[cube % 6])
        default:
            let level = 8 + 10 * (min(255, max(232, index)) - 232)
            return RGB(red: level, green: level, blue: level)
        }
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    static func luminance(_ colour: RGB) -> Double {
        func channel(_ value: Int) -> Double {
            let c = Double(value) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(colour.red) + 0.7152 * channel(colour.green) + 0.0722 * channel(colour.blue)
    }

    /// The contrast ratio of two colours, 1 to 21.
    static func ratio(_ first: RGB, _ second: RGB) -> Double {
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    static func ratio(_ first: Int, _ second: Int) -> Double { ratio(rgb(first), rgb(second)) }

    /// `colour` as text on palette entry `background`: itself when it reaches `target`, else
    /// mixed step by step towards white (on dark) or black (on light) until it does.
    static func readable(_ colour: RGB, on background: Int) -> Int {
        let backdrop = rgb(background)
        let towards = luminance(backdrop) < 0.18 ? RGB(red: 255, green: 255, blue: 255) : RGB(red: 0, green: 0, blue: 0)
        for step in 0...20 {
            let index = mix(colour, towards, Double(step) / 20).xterm256
            if ratio(rgb(index), backdrop) >= target { return index }
        }
        return luminance(backdrop) < 0.18 ? 231 : 16
    }

    /// `colour` as a background: with white or black text (the one that reaches `target`,
    /// white preferred), darkened step by step when neither does.
    static func filled(_ colour: RGB) -> (foreground: Int, background: Int) {
        for step in 0...20 {
            let index = mix(colour, RGB(red: 0, green: 0, blue: 0), Double(step) / 20).xterm256
            if ratio(231, index) >= target { return (231, index) }
            if ratio(16, index) >= target { return (16, index) }
        }
        return (231, 16)
    }

    private static func mix(_ colour: RGB, _ other: RGB, _ amount: Double) -> RGB {
        func blend(_ a: Int, _ b: Int) -> Int { Int((Double(a) * (1 - amount) + Double(b) * amount).rounded()) }
        return RGB(red: blend(colour.red, other.red), green: blend(colour.green, other.green), blue: blend(colour.blue, other.blue))
    }
}
