import KeepsafeBase
import KeepsafeFlow
import QRCode

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--plain`: the same flow as numbered prompts on stdin/stdout, for screen readers and
/// dumb terminals. It drives the flow only with keys (focus with Tab, then type, Space
/// or Enter), exactly as a person at the full-screen portal would.
public final class PlainConsole {
    private let driver: any ScreenDriver
    private let reader: LineReader
    private let output: (String) -> Void
    /// Where the recording goes (`--record`), and whether it gets the masked screens.
    private let record: ((String) -> Void)?
    private let redactRecording: Bool
    private let ascii: Bool
    private let colourQR: Bool
    private var lastText = ""
    private var printedPayloads: Set<String> = []
    /// Wakes a waiting screen as soon as the store reports a change, between polls.
    public var changes: ChangeWakeup?

    /// - Parameters:
    ///   - ascii: only ASCII output (the locale is not UTF-8).
    ///   - colourQR: draw the QR with explicit ANSI colours (a colour terminal without
    ///     `NO_COLOR`); otherwise it is printed in the `#` text layout.
    ///   - record: receives everything written, for a recording; with `redactRecording`
    ///     the screens it receives have their QR code, key and recovery code masked.
    public init(
        driver: any ScreenDriver, reader: LineReader = LineReader(), ascii: Bool, colourQR: Bool,
        record: ((String) -> Void)? = nil, redactRecording: Bool = true,
        write: @escaping (String) -> Void
    ) {
        self.driver = driver
        self.reader = reader
        self.ascii = ascii
        self.colourQR = colourQR
        self.output = write
        self.record = record
        self.redactRecording = redactRecording
    }

    /// Text for the user and, unchanged, for the recording.
    private func write(_ text: String) {
        output(text)
        record?(text)
    }

    /// Runs until the flow finishes, the input ends or the user types `q`.
    public func run() -> TerminalApp.Outcome {
        while !driver.isFinished {
            driver.poll()
            flushRequests()
            let screen = driver.screen
            show(screen)
            let controls = PlainMenu.controls(of: screen)
            write(PlainMenu.menu(controls, ascii: ascii))
            write(prompt(controls.count, polling: screen.wantsPolling))
            let answer: String
            let polling = screen.wantsPolling
            switch reader.readLine(timeout: polling ? 500 : nil, wakeup: polling ? changes?.descriptor : nil) {
            case .endOfInput:
                // The shell's prompt starts on a line of its own.
                write("\n")
                return .interrupted
            case .timeout:
                changes?.drain()
                write("\n")
                continue
            case .line(let line): answer = line.trimmingWhitespace
            }
            switch answer.lowercased() {
            case "q", "quit":
                // Typed input that the terminal did not echo (a pipe) left no line break.
                if isatty(STDIN_FILENO) != 1 { write("\n") }
                return .interrupted
            case "", "r": continue
            case "?", "h", "help":
                driver.send(.help)
                continue
            case "b", "back":
                driver.send(.escape)
                continue
            default: break
            }
            guard let number = Int(answer), number >= 1, number <= controls.count else {
                let help = controls.count == 1 ? "plain.numberHelpOne" : "plain.numberHelp"
                write(words.format(help, ["count": "\(controls.count)"]) + "\n")
                continue
            }
            if !act(on: controls[number - 1]) { return .interrupted }
        }
        return .finished
    }

    private func prompt(_ count: Int, polling: Bool) -> String {
        // "Choose 1" for one control, no choice at all for none.
        let key = count == 0 ? "plain.promptNone" : count == 1 ? "plain.promptOne" : "plain.prompt"
        return words.format(polling ? key + "Polling" : key, ["count": "\(count)"])
    }

    /// Performs one menu choice; false when the input ended.
    private func act(on control: PlainMenu.Control) -> Bool {
        guard focus(control.id) else {
            write(words["plain.unreachable"] + "\n")
            return true
        }
        switch control.kind {
        case .field(let masked):
            write("\(safe(control.label)): ")
            if masked { reader.setEcho(false) }
            let result = reader.readLine(timeout: nil)
            if masked {
                reader.setEcho(true)
                write("\n")
            }
            guard case .line(let value) = result else { return false }
            replaceValue(with: value)
        case .checkbox:
            driver.send(.space)
        case .action:
            driver.send(.enter)
        case .list(let items):
            return choose(from: items)
        }
        return true
    }

    /// Lists a list's items (narrowed by a search first when it is long) and selects one.
    private func choose(from items: [ListBox.Item]) -> Bool {
        var items = items
        if items.count > 12 {
            write(words["plain.search"])
            guard case .line(let query) = reader.readLine(timeout: nil) else { return false }
            for character in query { driver.send(.character(character)) }
            items = currentList()?.items ?? []
        }
        guard !items.isEmpty else {
            write(words["plain.noMatches"] + "\n")
            return true
        }
        for (index, item) in items.prefix(40).enumerated() {
            write("  \(index + 1). \(safe(item.label))\(item.detail.map { " - " + safe($0) } ?? "")\n")
        }
        write(words.format("plain.itemPrompt", ["count": "\(min(40, items.count))"]))
        guard case .line(let answer) = reader.readLine(timeout: nil) else { return false }
        guard let number = Int(answer.trimmingWhitespace), number >= 1,
            number <= min(40, items.count)
        else {
            write(words["plain.noItem"] + "\n")
            return true
        }
        // Move the selection with the arrow keys, then activate it.
        for _ in 0..<(items.count + 2) {
            guard let list = currentList() else { break }
            let selected = list.selected ?? -1
            if selected == number - 1 { break }
            driver.send(selected < number - 1 ? .down : .up)
        }
        driver.send(.enter)
        return true
    }

    private func currentList() -> ListBox? {
        let screen = driver.screen
        for element in screen.elements {
            if case .list(let list) = element, list.id == screen.focus { return list }
        }
        return nil
    }

    /// Tabs forward until `id` has the focus; false when it never does.
    private func focus(_ id: String) -> Bool {
        let count = driver.screen.elements.count + 2
        for _ in 0..<count {
            if driver.screen.focus == id { return true }
            driver.send(.tab)
        }
        return driver.screen.focus == id
    }

    /// Clears the focused field and types `value` into it.
    private func replaceValue(with value: String) {
        driver.send(.end)
        let screen = driver.screen
        for element in screen.elements {
            if case .field(let field) = element, field.id == screen.focus {
                for _ in 0..<field.value.count { driver.send(.backspace) }
            }
        }
        for character in value where !character.unicodeScalars.contains(where: Sanitizer.isRefused) {
            driver.send(character == " " ? .space : .character(character))
        }
    }

    private func flushRequests() {
        for request in driver.takeTerminalRequests() {
            switch request {
            case .copyToClipboard: write(words["plain.noClipboard"] + "\n")
            case .bell: write("\u{07}")
            }
        }
    }

    /// Prints the screen's text when it changed, and each QR code once.
    private func show(_ screen: Screen) {
        let text = describe(screen)
        guard text != lastText else { return }
        lastText = text
        output(text + symbols(screen))
        if let record {
            let recorded = redactRecording ? screen.redactedForRecording() : screen
            record(describe(recorded) + symbols(recorded))
        }
    }

    /// The screen's text, one element a line.
    private func describe(_ screen: Screen) -> String {
        var text = "\n== \(safe(screen.title)) ==\n"
        for element in screen.elements {
            switch element {
            case .banner(let banner): text += words.format("plain.notice", ["text": safe(banner.text)]) + "\n"
            case .heading(let heading): text += "\n\(safe(heading))\n"
            case .paragraph(let paragraph): text += "\(safe(paragraph))\n"
            case .message(let message):
                text +=
                    words.format("plain.message." + message.kind.rawValue, ["text": safe(message.text)])
                    + "\n"
            case .code(let code): text += "    \(safe(code))\n"
            case .qr(let block):
                text += words.format("plain.qr", ["payload": safe(block.payload)]) + "\n"
                if let key = block.manualKey { text += words.format("plain.key", ["key": safe(key)]) + "\n" }
            default: break
            }
        }
        return text
    }

    /// Each QR code of the screen drawn once (the first time its payload appears).
    private func symbols(_ screen: Screen) -> String {
        var text = ""
        for element in screen.elements {
            guard case .qr(let block) = element, !printedPayloads.contains(block.payload) else { continue }
            printedPayloads.insert(block.payload)
            if let symbol = try? QRCode.encode(text: block.payload, errorCorrection: .low) {
                text += colourQR ? symbol.ansiText(margin: 2) : symbol.asciiText(margin: 2)
                if let key = block.manualKey { text += words.format("plain.key", ["key": safe(key)]) + "\n" }
            }
        }
        return text
    }

    private func safe(_ text: String) -> String { Sanitizer.clean(text, ascii: ascii) }

    /// The plain console's texts (`plain.*` in strings.json).
    private var words: Strings { Strings.bundled }
}
