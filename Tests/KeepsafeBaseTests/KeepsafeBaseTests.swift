import Foundation
import KeepsafeBase
import Testing

/// The Foundation stand-ins: each compared with what Foundation itself does.
@Suite("KeepsafeBase")
struct KeepsafeBaseTests {
    @Test(
        "path arithmetic agrees with NSString's",
        arguments: ["/a/b/c.walk", "/a/b/", "a/b", "c.walk", "/", "/tmp//x", ".hidden", "a/.hidden"])
    func paths(path: String) {
        let ns = path as NSString
        #expect(Path.lastComponent(path) == ns.lastPathComponent, "\(path)")
        #expect(Path.join(path, "x") == ns.appendingPathComponent("x"), "\(path)")
        #expect(Path.stem(path) == (ns.lastPathComponent as NSString).deletingPathExtension, "\(path)")
    }

    @Test("join never doubles a slash; parent and standardised forms")
    func joinAndStandardise() {
        #expect(Path.join("/tmp/", "keepsafe-x") == "/tmp/keepsafe-x")
        #expect(Path.parent("/a/b/c") == "/a/b")
        #expect(Path.parent("/a") == "/")
        #expect(Path.parent("a") == "")
        #expect(Path.standardized("/a//b/./c/../d/") == "/a/b/d")
        #expect(Path.standardized("/../x") == "/x")
    }

    @Test("printf formats", arguments: [("%.2f", 1.005), ("%014.0f", 1_777_626_000_123), ("%.6f", 0.5)])
    func formats(format: String, value: Double) {
        #expect(formatted(format, value) == String(format: format, value))
    }

    @Test("long printf results are not cut")
    func longFormat() {
        #expect(formatted("%.60f", 0.1).count == 62)
    }

    @Test("NFC, trimming, folding")
    func text() {
        #expect("e\u{301}".nfc == "é")
        #expect("e\u{301}".nfc.unicodeScalars.count == 1)
        #expect("  a b \n\t".trimmingWhitespace == "a b")
        #expect("   ".trimmingWhitespace == "")
        #expect("Åland Islands".foldedForSearch == "aland islands")
        #expect("Curaçao Côte Réunion Türkiye".foldedForSearch == "curacao cote reunion turkiye")
    }

    @Test("ISO 8601 parses what ISO8601DateFormatter parses")
    func iso8601() throws {
        let formatter = ISO8601DateFormatter()
        for text in ["2026-05-01T09:00:00Z", "2026-05-01T11:00:00+02:00"] {
            #expect(ISO8601.parse(text) == formatter.date(from: text), "\(text)")
        }
        let date = try #require(ISO8601.parse("2026-05-01T09:00:00.250Z"))
        #expect(abs(date.timeIntervalSince1970 - 1_777_626_000.25) < 0.001)
        #expect(ISO8601.parse("yesterday") == nil)
        #expect(ISO8601.string(from: Date(timeIntervalSince1970: 1_777_626_000)) == "2026-05-01T09:00:00Z")
        #expect(ISO8601.day(Date(timeIntervalSince1970: 1_777_626_000)) == "2026-05-01")
        #expect(ISO8601.readable(Date(timeIntervalSince1970: 1_777_626_000)) == "2026-05-01 09:00:00Z")
    }

    @Test("JSON objects round-trip like JSONSerialization's")
    func json() throws {
        let text = #"{"a":1,"b":[true,null,2.5,"x"],"c":{"d":-3}}"#
        let object = try #require(try JSONObject.parse(Data(text.utf8)) as? [String: Any])
        #expect(object["a"] as? Int == 1)
        #expect((object["b"] as? [Any])?.first as? Bool == true)
        #expect((object["b"] as? [Any])?[1] is JSONObject.Null)
        #expect((object["b"] as? [Any])?[2] as? Double == 2.5)
        let back = try JSONObject.data(object)
        #expect(String(decoding: back, as: UTF8.self) == text)
    }

    @Test("suggestions: near misses only")
    func suggestions() {
        #expect(Suggestion.closest(to: "Tabb", among: ["Tab", "Enter"]) == "Tab")
        #expect(Suggestion.closest(to: "pgdown", among: ["PageDown", "Up"]) == "PageDown")
        #expect(Suggestion.closest(to: "Contniue", among: ["Continue", "Cancel"]) == "Continue")
        #expect(Suggestion.closest(to: "xyz", among: ["Tab"]) == nil)
    }

    @Test("whole-file writes: atomic, with the mode, one-line errors")
    func writes() throws {
        let folder = NSTemporaryDirectory() + "keepsafe-base-\(getpid())-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileWriting.makeDirectories(folder + "/a/b", mode: 0o700)
        try FileWriting.write("hello", to: folder + "/a/b/f", mode: 0o600)
        #expect(try String(contentsOfFile: folder + "/a/b/f", encoding: .utf8) == "hello")
        let mode =
            try FileManager.default.attributesOfItem(atPath: folder + "/a/b/f")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: FileWriteError(path: folder + "/a/b/f", code: ENOTDIR)) {
            try FileWriting.makeDirectories(folder + "/a/b/f/g")
        }
        #expect(FileWriteError(path: "/x", code: EACCES).description == "cannot write /x: permission denied")
    }
}
