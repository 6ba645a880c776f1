import Foundation
import KeepsafeFlow
import Testing

@testable import TerminalUI

/// Issue 11: a recording of a real store never holds the QR code, the manual key or the
/// recovery code, while the person at the terminal still sees them; recording files are
/// private and never follow a link.
@Suite("Recording redaction")
struct RecordingRedactionTests {
    let options = ViewOptions(portalName: "Northwind Partner Portal")

    func rows(_ frame: Frame) -> [String] { (0..<frame.grid.height).map { frame.grid.text(row: $0) } }

    @Test("the event loop records the masked screen and draws the real one", arguments: [true, false])
    func terminalApp(redacted: Bool) {
        for screen in [Screens.totp(focus: "continue"), Screens.recovery()] {
            let driver = FakeDriver(screen)
            let terminal = HeadlessTerminal(width: 100, height: 40)
            terminal.pendingInput.append(.character(0x03))
            let app = TerminalApp(driver: driver, device: terminal, options: options)
            app.recordsRedacted = redacted
            var recorded: [Frame] = []
            app.onFrame = { recorded.append($0) }
            _ = app.run()
            let drawn = terminal.lines.joined(separator: "\n")
            let kept = recorded.map { rows($0).joined(separator: "\n") }.joined(separator: "\n")
            func modules(_ text: String) -> Int {
                text.unicodeScalars.filter { ["▀", "▄", "█"].contains($0) }.count
            }
            if screen.id == "recovery.show" {
                #expect(drawn.contains("ABCD EFGH JKLM"), "the person sees the code")
                #expect(kept.contains("ABCD EFGH JKLM") == !redacted, "\(kept)")
            } else {
                #expect(modules(drawn) > 100, "the person sees the QR code")
                #expect((modules(kept) > 100) == !redacted, "\(kept)")
            }
        }
    }

    @Test("--plain records the masked screen and prints the real one")
    func plainConsole() {
        let driver = FakeDriver(Screens.totp(focus: "continue"))
        var printed = ""
        var recorded = ""
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        _ = "q\n".withCString { write(ends[1], $0, 2) }
        close(ends[1])
        defer { close(ends[0]) }
        let console = PlainConsole(
            driver: driver, reader: LineReader(descriptor: ends[0]), ascii: false, colourQR: false,
            record: { recorded += $0 }, redactRecording: true, write: { printed += $0 })
        _ = console.run()
        #expect(printed.contains("otpauth://"))
        #expect(printed.contains("JBSW Y3DP"))
        #expect(!recorded.contains("otpauth://"), "\(recorded)")
        #expect(!recorded.contains("JBSW"))
        #expect(!recorded.contains("##"), "no QR modules in the recording")
        #expect(recorded.contains("QR code hidden"))
    }

    @Test("recording files are 0600, replace an old file, and never follow a link")
    func privateFiles() throws {
        let directory = NSTemporaryDirectory() + "keepsafe-rec-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let old = directory + "/old.cast"
        _ = FileManager.default.createFile(
            atPath: old, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        let writer = try AsciicastWriter(
            path: old, size: TerminalSize(width: 80, height: 24), title: "t", environment: [:])
        writer.close()
        let mode = try #require(
            try FileManager.default.attributesOfItem(atPath: old)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(!(try String(contentsOfFile: old, encoding: .utf8)).hasPrefix("old"))

        let target = directory + "/target"
        _ = FileManager.default.createFile(atPath: target, contents: Data("keep me".utf8))
        let link = directory + "/link.cast"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: AsciicastWriter.Failure.self) {
            _ = try AsciicastWriter(
                path: link, size: TerminalSize(width: 80, height: 24), title: "t", environment: [:])
        }
        #expect(
            try String(contentsOfFile: target, encoding: .utf8) == "keep me", "the link's target is untouched"
        )
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target, "the link stays")
        #expect(throws: PrivateFile.Failure.symbolicLink(path: link)) {
            try PrivateFile.write(Data("x".utf8), to: link)
        }
    }
}
