import Foundation
import TestSupport
import Testing

/// `--record FILE.cast` in a real terminal: an asciicast v2 file asciinema can play.
@Suite("Portal in tmux: recording")
struct TmuxRecordingTests {
    @Test(
        "an asciicast v2 recording of a session",
        .enabled(
            if: PeerTools.shouldRun(tools: ["tmux", "python3"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["tmux", "python3"]))))
    func record() throws {
        guard requireTools(["tmux", "python3"]) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let cast = directory.file("session.cast")
        let pilot = try portalInTmux(
            width: 90, height: 26, extraArguments: ["--record", cast], directory: directory)
        try pilot.pane.waitFor("Log in")
        try pilot.pane.type("rec@example.com")
        try pilot.pane.waitFor("rec@example.com")
        try pilot.pane.session.resize(width: 100, height: 30)
        try pilot.pane.settle()
        try pilot.pane.keys("C-c")
        #expect(try pilot.pane.waitForExit() == 0)

        let lines = try String(contentsOfFile: cast, encoding: .utf8).split(separator: "\n")
        let header = try #require(
            try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 90)
        #expect(header["height"] as? Int == 26)
        #expect((header["timestamp"] as? Int ?? 0) > 1_700_000_000)
        #expect((header["title"] as? String)?.contains("keepsafe") == true)
        let events = try lines.dropFirst().map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
        }
        #expect(events.count >= 3)
        let times = events.compactMap { $0.first as? Double }
        #expect(times == times.sorted())
        let output = events.filter { $0[1] as? String == "o" }.compactMap { $0[2] as? String }.joined()
        #expect(output.contains("Log in"))
        #expect(output.contains("rec@example.com"))
        #expect(events.contains { $0[1] as? String == "r" && $0[2] as? String == "100x30" })
        // The file is private to its owner, like every file keepsafe writes.
        let mode = try FileManager.default.attributesOfItem(atPath: cast)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
