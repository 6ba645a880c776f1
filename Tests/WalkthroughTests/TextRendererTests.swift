import Foundation
import KeepsafeFlow
import QRCode
import Testing

@Suite("text renderer")
struct TextRendererTests {
    static let screen = Screen(
        id: "enroll.sms.number", title: "Keep Your Account Safe",
        elements: [
            .banner(Banner(id: "announcement", text: "Maintenance on Sunday.", dismissible: true)),
            .heading("SMS"),
            .paragraph("We will text a six-digit code to this number."),
            .message(Message(.error, "Enter a mobile number.")),
            .list(
                ListBox(
                    id: "country", label: "Country",
                    items: [
                        ListBox.Item(id: "FR", label: "France", detail: "+33"),
                        ListBox.Item(id: "DE", label: "Germany", detail: "+49"),
                        ListBox.Item(id: "GB", label: "United Kingdom", detail: "+44"),
                    ], selected: 1, visibleRows: 2)),
            .field(Field(id: "number", label: "Mobile number", value: "1512345678", hint: "Digits only")),
            .field(Field(id: "password", label: "Password", value: "hunter22", masked: true)),
            .checkbox(Checkbox(id: "ok", label: "I have safely recorded this code", checked: true)),
            .button(Button(id: "continue", label: "Continue")),
            .button(Button(id: "later", label: "Later", enabled: false)),
            .link(Button(id: "other", label: "Try another method")),
            .code("ABCD-EFGH-2345"),
        ],
        focus: "number", status: "Tab: next  Enter: continue  F1: help")

    @Test("every element kind, the focus marker and the status line")
    func layout() {
        let lines = TextRenderer.render(Self.screen, width: 60, height: 30)
        let expected = [
            "Keep Your Account Safe",
            "======================",
            "",
            "  ! Maintenance on Sunday. [×]",
            "",
            "SMS",
            "---",
            "",
            "We will text a six-digit code to this number.",
            "",
            "✗ Enter a mobile number.",
            "",
            "  Country:",
            "    ( ) France  +33",
            "    (•) Germany  +49",
            "    ↓ 1 more",
            "> Mobile number: [1512345678          ]",
            "    Digits only",
            "  Password: [••••••••            ]",
            "  [x] I have safely recorded this code",
            "  [ Continue ]",
            "  [ Later ] (disabled)",
            "  → Try another method",
            "",
            "    ABCD-EFGH-2345",
        ]
        #expect(Array(lines.prefix(expected.count)) == expected)
        #expect(lines.count == 30)
        #expect(lines.last == "Tab: next  Enter: continue  F1: help")
        #expect(lines[expected.count..<29].allSatisfy { $0.isEmpty })
    }

    @Test("masking hides code blocks but keeps their shape")
    func masking() {
        let lines = TextRenderer.render(
            Self.screen, width: 60, height: nil, options: TextRenderer.Options(maskSecrets: true))
        #expect(lines.contains("    ****-****-****"))
        #expect(!lines.joined().contains("ABCD"))
    }

    @Test("paragraphs wrap to the width; no line of text exceeds it")
    func wrapping() {
        let long = String(repeating: "word ", count: 40) + String(repeating: "x", count: 50)
        let screen = Screen(id: "help", title: "Help", elements: [.paragraph(long)])
        let lines = TextRenderer.render(screen, width: 30, height: nil)
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines.joined(separator: " ").split(separator: " ").filter { $0 == "word" }.count == 40)
    }

    @Test("control characters and bidi overrides never reach the text")
    func sanitises() {
        let hostile = "Eve\u{1B}[2J\u{7}\u{202E}gnp.exe\u{9B}31m"
        let screen = Screen(
            id: "home", title: hostile,
            elements: [.paragraph(hostile), .field(Field(id: "n", label: "Name", value: hostile))])
        let text = TextRenderer.render(screen, width: 80, height: nil).joined(separator: "\n")
        let forbidden = text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E
        }
        #expect(forbidden.isEmpty)
        // One rule everywhere (`Sanitizer`): each refused scalar, the bidi override too,
        // shows as U+FFFD, so a hidden reversal is visible rather than silently dropped.
        #expect(text.contains("Eve\u{FFFD}[2J\u{FFFD}\u{FFFD}gnp.exe\u{FFFD}31m"))
    }

    @Test("an empty list says so")
    func emptyList() {
        let screen = Screen(
            id: "x", title: "T",
            elements: [.list(ListBox(id: "c", label: "Country", items: [], filter: "zz"))])
        let lines = TextRenderer.render(screen, width: 40, height: nil)
        #expect(lines.contains("    Search: [zz]"))
        #expect(lines.contains("    (no matches)"))
    }
}

@Suite("text renderer QR block")
struct TextRendererQRTests {
    static let payload =
        "otpauth://totp/Acme%20Portal:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme%20Portal"

    /// Reads the modules back from half-block text: the slow, obvious inverse.
    static func modules(from lines: [String]) -> [[Bool]] {
        lines.flatMap { line -> [[Bool]] in
            let upper = line.map { $0 == "█" || $0 == "▀" }
            let lower = line.map { $0 == "█" || $0 == "▄" }
            return [upper, lower]
        }
    }

    @Test(
        "half blocks draw exactly the encoded modules with a 4-module quiet zone (twice: cached)",
        arguments: [
            payload, "otpauth://totp/B:b?secret=GEZDGNBV", payload, "otpauth://totp/B:b?secret=GEZDGNBV",
        ])
    func halfBlocks(payload: String) throws {
        let code = try QRCode.encode(text: payload)
        let screen = Screen(
            id: "enroll.totp", title: "T",
            elements: [.qr(QRBlock(payload: payload, manualKey: "JBSW Y3DP", caption: "Scan me"))])
        let lines = TextRenderer.render(screen, width: 80, height: nil)
        let side = code.size + 8
        let qrLines = Array(lines[3..<(3 + (side + 1) / 2)])
        let indent = (80 - side) / 2
        let padded = qrLines.map { line -> String in
            let body = String(line.dropFirst(indent))
            return body + String(repeating: " ", count: side - body.count)
        }
        let drawn = Self.modules(from: padded)
        for y in 0..<side {
            for x in 0..<side {
                #expect(drawn[y][x] == code[x - 4, y - 4], "module \(x),\(y)")
            }
        }
        #expect(lines.contains("Scan me"))
        #expect(lines.contains("Key: JBSW Y3DP"))
        #expect(side <= 80 && (side + 1) / 2 <= 23, "a typical TOTP URI fits 80x24")
    }

    @Test("a masked QR is a fixed placeholder, and the key is hidden")
    func masked() throws {
        let screen = Screen(
            id: "enroll.totp", title: "T",
            elements: [.qr(QRBlock(payload: Self.payload, manualKey: "JBSW Y3DP"))])
        let plain = TextRenderer.render(screen, width: 80, height: nil)
        let masked = TextRenderer.render(screen, width: 80, height: nil, options: .init(maskSecrets: true))
        #expect(plain.count > masked.count)
        #expect(masked.contains { $0.trimmingCharacters(in: .whitespaces) == "[QR code]" })
        #expect(masked.contains("Key: **** ****"))
        #expect(
            !masked.joined().contains("▀") && !masked.joined().contains("▄") && !masked.joined().contains("█")
        )
    }

    @Test("ASCII style uses ## per dark module like qrencode -t ASCII")
    func asciiStyle() throws {
        let code = try QRCode.encode(text: "hello")
        let screen = Screen(id: "x", title: "T", elements: [.qr(QRBlock(payload: "hello"))])
        let lines = TextRenderer.render(screen, width: 120, height: nil, options: .init(qrStyle: .ascii))
        let expected = code.asciiText().split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters(in: .init(charactersIn: " "))
        }.filter { !$0.isEmpty }
        let drawn = lines.map { $0.trimmingCharacters(in: .init(charactersIn: " ")) }.filter {
            $0.contains("#")
        }
        #expect(drawn == expected)
    }
}
