extension QRCode {
    /// The shade of the module at (`x`, `y`) in quiet-zone coordinates: the symbol starts at
    /// (`margin`, `margin`); everything outside it is light (before inversion).
    @inline(__always)
    func shade(x: Int, y: Int, margin: Int, invert: Bool) -> QRShade {
        let dark = self[x - margin, y - margin]
        return dark != invert ? .dark : .light
    }

    /// The symbol drawn as rows of terminal cells, quiet zone included.
    ///
    /// - `halfBlocks`: `(size + 2·margin + 1) / 2` rows of `size + 2·margin` cells; every cell is
    ///   `▀` with foreground = the upper module's shade and background = the lower module's shade.
    ///   When the height is odd, the lower half of the last row is light (extra quiet zone).
    /// - `twoColumns`: `size + 2·margin` rows of `2·(size + 2·margin)` cells; each module is two
    ///   `" "` cells whose foreground and background are both the module's shade.
    /// - `ascii`: like `twoColumns` with glyph `#` for dark and `" "` for light modules.
    ///
    /// Shades are always explicit, quiet zone included, so that a renderer can draw dark
    /// modules dark and light ones light on any terminal theme.
    ///
    /// - Parameters:
    ///   - margin: quiet zone width in modules, clamped to 0...; the standard asks for 4.
    ///   - invert: swap dark and light everywhere (quiet zone too), for scanners that want it.
    /// - Complexity: O((size + 2·margin)²).
    public func cells(style: QRCellStyle, margin: Int = 4, invert: Bool = false) -> [[QRCell]] {
        let margin = max(0, margin)
        let side = size + 2 * margin
        switch style {
        case .halfBlocks:
            return stride(from: 0, to: side, by: 2).map { top in
                (0..<side).map { x in
                    let upper = shade(x: x, y: top, margin: margin, invert: invert)
                    let lower =
                        top + 1 < side
                        ? shade(x: x, y: top + 1, margin: margin, invert: invert) : (invert ? .dark : .light)
                    return QRCell(glyph: "▀", foreground: upper, background: lower)
                }
            }
        case .twoColumns, .ascii:
            return (0..<side).map { y in
                var row: [QRCell] = []
                row.reserveCapacity(2 * side)
                for x in 0..<side {
                    let module = shade(x: x, y: y, margin: margin, invert: invert)
                    let glyph: Character = style == .ascii && module == .dark ? "#" : " "
                    let cell = QRCell(glyph: glyph, foreground: module, background: module)
                    row.append(cell)
                    row.append(cell)
                }
                return row
            }
        }
    }

    /// The symbol as plain text in the layout of `qrencode -t ASCII` (or `-t ASCIIi` with
    /// `invert`): one line per module row, `##` per dark module and two spaces per light one,
    /// `margin` (0...) modules of quiet zone on every side, each line ending in a newline.
    public func asciiText(margin: Int = 4, invert: Bool = false) -> String {
        var text = ""
        for row in cells(style: .ascii, margin: margin, invert: invert) {
            for cell in row { text.append(cell.glyph) }
            text.append("\n")
        }
        return text
    }

    /// The cells of `style` as text with SGR colours: dark = black (30/40), light = bright
    /// white (97/107). Colours are set only where they change and reset at the end of each
    /// line (`ESC[0m`) before its newline.
    public func ansiText(margin: Int = 4, invert: Bool = false, style: QRCellStyle = .halfBlocks) -> String {
        var text = ""
        for row in cells(style: style, margin: margin, invert: invert) {
            var current: (QRShade, QRShade)?
            for cell in row {
                if current == nil || current! != (cell.foreground, cell.background) {
                    let foreground = cell.foreground == .dark ? "30" : "97"
                    let background = cell.background == .dark ? "40" : "107"
                    text += "\u{1B}[\(foreground);\(background)m"
                    current = (cell.foreground, cell.background)
                }
                text.append(cell.glyph)
            }
            text += "\u{1B}[0m\n"
        }
        return text
    }

    /// The symbol as a standalone SVG document: a light square of `size + 2·margin` modules with
    /// the dark modules as one path, each module `moduleSize` pixels (1...) on a side.
    /// With `invert`, the square is dark and the path light.
    public func svg(margin: Int = 4, moduleSize: Int = 8, invert: Bool = false) -> String {
        let margin = max(0, margin)
        let side = size + 2 * margin
        let pixels = side * max(1, moduleSize)
        let (background, ink) = invert ? ("#000000", "#FFFFFF") : ("#FFFFFF", "#000000")
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard self[x, y] else {
                    x += 1
                    continue
                }
                // One rectangle per horizontal run of dark modules keeps the file small.
                var end = x + 1
                while end < size && self[end, y] { end += 1 }
                if !path.isEmpty { path += " " }
                path += "M\(x + margin),\(y + margin)h\(end - x)v1h-\(end - x)z"
                x = end
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(pixels)" height="\(pixels)" \
            viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges">
            <rect width="\(side)" height="\(side)" fill="\(background)"/>
            <path d="\(path)" fill="\(ink)"/>
            </svg>

            """
    }
}
