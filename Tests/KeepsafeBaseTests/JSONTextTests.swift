import Foundation
import KeepsafeBase
import Testing

/// The one hand-written JSON string quoting, read back by JSONSerialization.
@Suite("JSON text and asciicast lines")
struct JSONTextTests {
    @Test(
        "every string reads back the same, and no raw control or line separator is written",
        arguments: [
            "", "plain", "quote \" and backslash \\", "tab\there\r\n", "\u{1}\u{1F}\u{7F}",
            "\u{2028}\u{2029}",
            "é 漢字 🙂", "\u{1B}[2J\u{9B}31m\u{202E}",
        ])
    func quote(text: String) throws {
        let quoted = JSONText.quote(text)
        let back = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
        #expect(back == [text])
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(!quoted.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" })
    }

    @Test("asciicast v2 lines: the header with its environment, output and resize events")
    func asciicast() throws {
        let header = AsciicastLine.header(
            width: 80, height: 24, timestamp: 1_777_626_000, title: "t \u{2028}",
            environment: ["TERM": "xterm"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 2)
        #expect(object["width"] as? Int == 80)
        #expect(object["height"] as? Int == 24)
        #expect(object["timestamp"] as? Int == 1_777_626_000)
        #expect(object["title"] as? String == "t \u{2028}")
        #expect(object["env"] as? [String: String] == ["TERM": "xterm"])
        #expect(!AsciicastLine.header(width: 1, height: 1, timestamp: 0, title: "").contains("env"))
        let output = try #require(
            try JSONSerialization.jsonObject(
                with: Data(AsciicastLine.event(seconds: 1.5, .output, "a\nb").utf8))
                as? [Any])
        #expect((output[0] as? NSNumber)?.doubleValue == 1.5)
        #expect(output[1] as? String == "o")
        #expect(output[2] as? String == "a\nb")
        let resize = AsciicastLine.event(seconds: 2, .resize, AsciicastLine.size(width: 100, height: 30))
        #expect(resize == "[2.000000,\"r\",\"100x30\"]")
    }
}
