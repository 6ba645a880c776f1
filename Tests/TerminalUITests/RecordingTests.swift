import Foundation
import KeepsafeFlow
import TestSupport
import Testing

@testable import TerminalUI

@Suite("Recording")
struct RecordingTests {
    @Test("asciicast v2: a header with the size, timestamp and title, then output events")
    func asciicast() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("session.cast")
        let palette = Palette(theme: .dark, colors: 256, brandColors: [:], noColor: false)
        var encoder = AnsiEncoder(palette: palette)
        let writer = try AsciicastWriter(
            path: path, size: TerminalSize(width: 80, height: 24), title: "keepsafe portal",
            environment: ["TERM": "xterm-256color"], start: Date(timeIntervalSince1970: 1_777_626_000))
        let options = ViewOptions(portalName: "Northwind")
        let first = Layout.frame(Screens.login(), width: 80, height: 24, options: options)
        writer.output(
            encoder.encode(first), size: TerminalSize(width: 80, height: 24),
            at: Date(timeIntervalSince1970: 1_777_626_001))
        let second = Layout.frame(Screens.login(email: "a"), width: 80, height: 24, options: options)
        let delta = encoder.encode(second)
        writer.output(
            delta, size: TerminalSize(width: 100, height: 30), at: Date(timeIntervalSince1970: 1_777_626_002))
        writer.close()

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        let header = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 80)
        #expect(header["height"] as? Int == 24)
        #expect(header["timestamp"] as? Int == 1_777_626_000)
        #expect(header["title"] as? String == "keepsafe portal")
        let event = try #require(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [Any])
        #expect(event[0] as? Double == 1.0)
        #expect(event[1] as? String == "o")
        #expect((event[2] as? String)?.contains("Northwind") == true)
        let resize = try #require(JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [Any])
        #expect(resize[1] as? String == "r")
        #expect(resize[2] as? String == "100x30")
        // Only the changed row is sent again.
        #expect(delta.count < encoder.encodeCount(first) / 4)
        #expect(!delta.contains("\u{1B}[2J"))
    }
}

extension AnsiEncoder {
    /// Bytes of `frame` drawn from scratch.
    fileprivate func encodeCount(_ frame: Frame) -> Int {
        var fresh = AnsiEncoder(palette: Palette(theme: .dark, colors: 256, brandColors: [:], noColor: false))
        return fresh.encode(frame).utf8.count
    }
}
