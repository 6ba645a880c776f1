import CNcursesw
import Foundation
import KeepsafeFlow
import Testing

@testable import TerminalUI

@Suite("Keys")
struct KeyDecoderTests {
    @Test(
        "characters and control codes",
        arguments: [
            (UInt32(0x03), InputEvent.interrupt), (0x09, .key(.tab)), (0x0D, .key(.enter)),
            (0x0A, .key(.enter)),
            (0x1B, .key(.escape)), (0x7F, .key(.backspace)), (0x20, .key(.space)),
            (0x3F, .key(.character("?"))),
            (0x61, .key(.character("a"))), (0xE9, .key(.character("é"))), (0x0C, .redraw),
        ])
    func characters(value: UInt32, event: InputEvent) {
        #expect(KeyDecoder.decode(.character(value)) == event)
    }

    @Test("control characters a flow must never see are dropped")
    func dropped() {
        for value: UInt32 in [0x00, 0x02, 0x1A, 0x9B, 0x202E] {
            #expect(KeyDecoder.decode(.character(value)) == nil)
        }
    }

    @Test("the shell's line-editing keys reach the fields")
    func lineEditingKeys() {
        let expected: [(UInt32, Character)] = [(0x01, "a"), (0x05, "e"), (0x0B, "k"), (0x15, "u"), (0x17, "w")]
        for (value, letter) in expected {
            #expect(KeyDecoder.decode(.character(value)) == .key(.control(letter)))
        }
    }

    @Test("curses key codes, checked against the library's own values")
    func keyCodes() {
        #expect(KeyDecoder.decode(.keyCode(ks_key_f(1))) == .key(.help))
        #expect(KeyDecoder.decode(.keyCode(ks_key_f(2))) == .invertQR)
        #expect(KeyDecoder.decode(.keyCode(ks_key_f(3))) == .switchQRStyle)
        #expect(KeyDecoder.decode(.keyCode(KEY_UP)) == .key(.up))
        #expect(KeyDecoder.decode(.keyCode(KEY_DOWN)) == .key(.down))
        #expect(KeyDecoder.decode(.keyCode(KEY_LEFT)) == .key(.left))
        #expect(KeyDecoder.decode(.keyCode(KEY_RIGHT)) == .key(.right))
        #expect(KeyDecoder.decode(.keyCode(KEY_HOME)) == .key(.home))
        #expect(KeyDecoder.decode(.keyCode(KEY_END)) == .key(.end))
        #expect(KeyDecoder.decode(.keyCode(KEY_BTAB)) == .key(.backTab))
        #expect(KeyDecoder.decode(.keyCode(KEY_DC)) == .key(.delete))
        #expect(KeyDecoder.decode(.keyCode(KEY_BACKSPACE)) == .key(.backspace))
        #expect(KeyDecoder.decode(.keyCode(KEY_ENTER)) == .key(.enter))
        #expect(KeyDecoder.decode(.keyCode(KEY_NPAGE)) == .scrollDown)
        #expect(KeyDecoder.decode(.keyCode(KEY_PPAGE)) == .scrollUp)
        #expect(KeyDecoder.decode(.keyCode(KEY_RESIZE)) == .resize)
    }
}

@Suite("Event loop")
struct TerminalAppTests {
    let options = ViewOptions(portalName: "Northwind Partner Portal")

    @Test("typed keys reach the flow, Ctrl-C ends the loop")
    func typing() {
        let driver = FakeDriver(Screens.login())
        let terminal = HeadlessTerminal(width: 80, height: 24)
        terminal.type("bob@example.com\t")
        terminal.pendingInput.append(.keyCode(KEY_BTAB))
        terminal.pendingInput.append(.character(0x03))
        let outcome = TerminalApp(driver: driver, device: terminal, options: options).run()
        #expect(outcome == .interrupted)
        #expect(driver.value(of: "email") == "bob@example.com")
        #expect(driver.keys.last == .backTab)
        #expect(terminal.lines.contains { $0.contains("bob@example.com") })
    }

    @Test("i and f are view toggles on QR screens outside fields, and plain letters in a field")
    func qrToggles() throws {
        let driver = FakeDriver(Screens.totp(focus: "continue"))
        let terminal = HeadlessTerminal(width: 100, height: 30)
        terminal.type("i")
        let app = TerminalApp(driver: driver, device: terminal, options: options)
        #expect(app.run() == .interrupted)
        #expect(app.options.qrInverted)
        #expect(!driver.keys.contains(.character("i")))

        let inField = FakeDriver(Screens.totp(focus: "code"))
        let second = HeadlessTerminal(width: 100, height: 30)
        second.type("if")
        let other = TerminalApp(driver: inField, device: second, options: options)
        _ = other.run()
        #expect(!other.options.qrInverted && !other.options.qrTwoColumns)
        #expect(inField.value(of: "code") == "if")
    }

    @Test("a polling screen moves on without a key press")
    func polling() {
        var waiting = Screens.totp(focus: "another")
        waiting.wantsPolling = true
        let driver = FakeDriver(waiting)
        driver.onPoll = { driver in
            if driver.polls >= 3 { driver.screen = Screens.recovery() }
        }
        let terminal = HeadlessTerminal(width: 80, height: 24)
        terminal.onIdle = { terminal in
            // Once the recovery screen shows, the test is over.
            if terminal.lines.contains(where: { $0.contains("recovery code") }) {
                terminal.pendingInput = [.character(3)]
            }
        }
        _ = TerminalApp(driver: driver, device: terminal, options: options).run()
        #expect(terminal.timeouts >= 2)
        #expect(terminal.lines.contains { $0.contains("I have safely recorded this code") })
    }

    @Test("a resize redraws at the new size and keeps the flow's state")
    func resize() {
        let driver = FakeDriver(Screens.login())
        let terminal = HeadlessTerminal(width: 80, height: 24)
        terminal.type("carol")
        var resized = false
        terminal.onIdle = { terminal in
            guard !resized else { return }
            resized = true
            terminal.size = TerminalSize(width: 100, height: 30)
            terminal.pendingInput = [.keyCode(KEY_RESIZE)]
        }
        _ = TerminalApp(driver: driver, device: terminal, options: options).run()
        #expect(terminal.frame?.grid.width == 100)
        #expect(terminal.lines.count == 30)
        #expect(terminal.lines.contains { $0.contains("carol") })
        #expect(driver.value(of: "email") == "carol")
    }

    @Test("a clipboard request becomes an OSC 52 sequence")
    func clipboard() {
        let driver = FakeDriver(Screens.recovery(focus: "copy"))
        driver.requests = [.copyToClipboard("ABCD EFGH")]
        let terminal = HeadlessTerminal(width: 80, height: 24)
        _ = TerminalApp(driver: driver, device: terminal, options: options).run()
        #expect(terminal.controls == ["\u{1B}]52;c;QUJDRCBFRkdI\u{07}"])
    }

    @Test("a finished flow ends the loop")
    func finished() {
        let driver = FakeDriver(Screens.login())
        let terminal = HeadlessTerminal(width: 80, height: 24)
        // The flow finishes while handling the next key (like "Log out" then quit).
        terminal.onIdle = { terminal in
            driver.isFinished = true
            terminal.pendingInput = [.character(0x61)]
        }
        #expect(TerminalApp(driver: driver, device: terminal, options: options).run() == .finished)
    }
}
