import KeepsafeBase
import KeepsafeFlow
import KeepsafeStore
import TerminalUI

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Runs one script against a store: one portal session at a time (per `device`), a
/// simulated phone, and a manual clock both share.
///
///     let result = WalkthroughRunner(script: script, environment: environment).run()
///     if let report = result.failureReport { print(report) }
public final class WalkthroughRunner {
    let script: Script
    let environment: WalkthroughEnvironment
    let clock: ManualClock
    let phone: Phone
    let factory: any SessionFactory
    var session: (any WalkthroughSession)?
    var device = "walkthrough-terminal"
    var width = 80
    var height = 24
    /// Values from `capture`, `set` and the phone verbs, for `{name}`.
    var variables: [String: String] = [:]
    /// Values that came from secrets (codes, keys): masked in snapshots.
    var secrets: [(name: String, value: String)] = []
    var recording: Asciicast?
    /// The terminal's view of the screen: scroll offset, as `TerminalApp` keeps it.
    var view = ViewOptions(portalName: "", revealFocus: false)
    /// The screen the view belongs to (a new screen starts at the top).
    var viewScreenID: String?
    /// The last viewport laid out, with the screen and view options it stands for: a step
    /// that changes nothing (an `expect`) reuses it instead of laying the screen out again.
    var lastViewport: (screen: Screen, options: ViewOptions, frame: Frame)?
    /// The collapsed visible text of that viewport, for runs of `expect`.
    var lastHaystacks: (screen: Screen, options: ViewOptions, haystacks: [String])?

    public init(script: Script, environment: WalkthroughEnvironment) {
        self.script = script
        self.environment = environment
        clock = ManualClock(environment.start)
        // Each run has its own phone, so runs sharing a store never answer each
        // other's push requests.
        phone = Phone(
            store: environment.store, clock: clock, name: "walkthrough-" + UUID().uuidString.lowercased())
        factory = environment.makeFactory()
    }

    /// Runs every step until the first failure.
    public func run() -> WalkthroughResult {
        let started = Date()
        var stepsRun = 0
        var failure: WalkthroughResult.StepFailure?
        do {
            session = try factory.makeSession(device: device, clock: clock, store: environment.store)
        } catch {
            failure = .init(
                file: nil, line: 0, step: WalkthroughWords.text("stepOpenPortal"), reason: "\(error)",
                screen: [])
        }
        if environment.record { startRecording() }
        if failure == nil {
            for step in script.steps {
                stepsRun += 1
                do {
                    try perform(step)
                    session?.poll()
                    if ["key", "type", "fill", "press", "toggle"].contains(step.verb) { revealFocus() }
                    followScreen()
                    afterStep(step)
                } catch {
                    failure = .init(
                        file: step.file, line: step.line, step: step.text, reason: "\(error)",
                        screen: currentLines())
                    break
                }
            }
        }
        return WalkthroughResult(
            file: script.file, stepsRun: stepsRun, stepCount: script.steps.count,
            duration: Date().timeIntervalSince(started), failure: failure, recording: recording)
    }

    private func startRecording() {
        recording = Asciicast(
            width: width, height: height, timestamp: Int(clock.now().timeIntervalSince1970),
            title: Path.lastComponent(script.file))
        recording?.record(frame: currentLines())
    }

    private func afterStep(_ step: Step) {
        guard environment.record || environment.onScreen != nil else { return }
        let lines = currentLines()
        recording?.record(frame: lines)
        environment.onScreen?(step, lines)
    }

    /// The screen as the text renderer draws it at the current size.
    func currentLines(options: TextRenderer.Options = .init()) -> [String] {
        guard let session else { return [] }
        return TextRenderer.render(session.screen, width: width, height: height, options: options)
    }

    func requireSession() throws -> any WalkthroughSession {
        guard let session else { throw WalkthroughFailure.action(WalkthroughWords.text("noSession")) }
        return session
    }

    /// The store's sandbox flag, read once per run (a policy read decodes JSON).
    private var storeIsSandbox: Bool?

    /// `clock` and `advance` move time, which only a sandbox store allows: on a real
    /// store it would clear lockouts and refill rate limits.
    func requireSandbox(_ step: Step) throws {
        let sandbox: Bool
        if let known = storeIsSandbox {
            sandbox = known
        } else {
            do { sandbox = try environment.store.policy().sandbox } catch {
                throw WalkthroughFailure.action(WalkthroughWords.text("noPolicy", ["error": "\(error)"]))
            }
            storeIsSandbox = sandbox
        }
        guard sandbox else {
            throw WalkthroughFailure.action(
                WalkthroughWords.text("notSandbox", ["verb": step.verb])
            )
        }
    }

    /// The text of argument `index` with captures expanded.
    func argument(_ step: Step, _ index: Int) throws -> String {
        try Substitution.expand(step.arguments[index].text, resolve: resolve)
    }

    private func perform(_ step: Step) throws {
        switch step.verb {
        case "size":
            let size = try StepArguments.size(try argument(step, 0))
            (width, height) = size
            if recording?.events.count == 1 {
                recording?.width = size.width
                recording?.height = size.height
            }
        case "clock":
            try requireSandbox(step)
            clock.set(try StepArguments.instant(try argument(step, 0)))
        case "advance":
            try requireSandbox(step)
            let seconds = try StepArguments.duration(try argument(step, 0))
            clock.advance(by: seconds)
            recording?.pause(seconds)
        case "scroll":
            try scroll(try argument(step, 0).lowercased())
        case "key":
            let session = try requireSession()
            for index in step.arguments.indices {
                session.send(try StepArguments.key(try argument(step, index)))
            }
        case "type":
            let session = try requireSession()
            for character in try argument(step, 0) { session.send(.character(character)) }
        case "fill":
            let label = try argument(step, 0)
            try suggestingLabels(label) { try $0.fill(label: label, with: try argument(step, 1)) }
        case "press":
            let label = try argument(step, 0)
            try suggestingLabels(label) { try $0.press(label: label) }
        case "toggle":
            let label = try argument(step, 0)
            try suggestingLabels(label) { try $0.toggle(label: label) }
        case "expect", "expect-not", "expect-screen":
            try expectation(step)
        case "snapshot":
            try snapshot(named: try argument(step, 0))
        case "phone":
            try phoneStep(step)
        case "capture":
            try capture(step)
        case "set":
            variables[try argument(step, 0)] = try argument(step, 1)
        case "device":
            device = try argument(step, 0)
            session = try factory.makeSession(device: device, clock: clock, store: environment.store)
        case "restart":
            session = try factory.makeSession(device: device, clock: clock, store: environment.store)
        case "poll":
            session?.poll()
        case "include":
            break  // spliced in by the parser
        default:
            throw WalkthroughFailure.badArgument(
                WalkthroughWords.text("unknownVerbShort", ["verb": step.verb]))
        }
    }

    /// Runs `action` on the session; when it fails, adds the label on screen closest to
    /// `label` ("did you mean 'Sign up'?").
    private func suggestingLabels(_ label: String, _ action: (any WalkthroughSession) throws -> Void) throws {
        let session = try requireSession()
        do {
            try action(session)
        } catch {
            let hint = Suggestion.phrase(for: label, among: ScreenLabels.all(on: session.screen))
            guard !hint.isEmpty else { throw error }
            throw WalkthroughFailure.action("\(error)\(hint)")
        }
    }

    private func expectation(_ step: Step) throws {
        let session = try requireSession()
        session.poll()
        if step.verb == "expect" && step.arguments.count == 2 {
            // `expect anywhere TEXT`: anywhere in the screen model, seen or not.
            let wanted = try argument(step, 1)
            guard ScreenText.contains(currentLines(), wanted) else {
                throw WalkthroughFailure.expectation(
                    "expected \"\(wanted)\" anywhere on screen '\(session.screen.id)'")
            }
            return
        }
        let wanted = try argument(step, 0)
        if step.verb == "expect-screen" {
            guard session.screen.id == wanted else {
                throw WalkthroughFailure.expectation(
                    WalkthroughWords.text("expectScreen", ["wanted": wanted, "screen": session.screen.id]))
            }
            return
        }
        // What a person sees: the terminal's viewport at the script's size.
        let needle = ScreenText.collapse(wanted)
        if step.verb == "expect", !needle.isEmpty, !isVisible(needle) {
            let offscreen =
                ScreenText.contains(currentLines(), wanted)
                ? " " + WalkthroughWords.text("outOfView", ["size": "\(width)x\(height)"])
                : ""
            throw WalkthroughFailure.expectation(
                WalkthroughWords.text("expectText", ["wanted": wanted, "screen": session.screen.id]) + offscreen)
        }
        // `expect-not` is strict: nowhere in the screen model.
        if step.verb == "expect-not", ScreenText.contains(currentLines(), wanted) {
            throw WalkthroughFailure.expectation(
                WalkthroughWords.text("expectNotText", ["wanted": wanted, "screen": session.screen.id]))
        }
    }

    private func capture(_ step: Step) throws {
        let name = try argument(step, 0)
        // The pattern is not expanded: `{6}` in a regex is a quantifier, not a capture.
        let pattern = step.arguments[1].text
        let regex = try StepArguments.regex(pattern)
        let text = currentLines().joined(separator: "\n")
        guard let match = try? regex.firstMatch(in: text) else {
            throw WalkthroughFailure.expectation(
                WalkthroughWords.text("captureNoMatch", ["name": name, "pattern": pattern]))
        }
        guard let value = match.output[match.output.count > 1 ? 1 : 0].substring else {
            throw WalkthroughFailure.expectation(
                WalkthroughWords.text("captureEmptyGroup", ["name": name, "pattern": pattern]))
        }
        remember(name, String(value), secret: true)
    }

    /// Stores a capture; secret values are also replaced by `{name}` in snapshots.
    func remember(_ name: String, _ value: String, secret: Bool) {
        variables[name] = value
        if secret, value.count >= 4 {
            secrets.removeAll { $0.name == name }
            secrets.append((name, value))
        }
    }

    /// Resolves one `{...}` expression: a capture name, or an inline phone query
    /// (`phone.totp ACCOUNT`, `phone.sms NUMBER`, `phone.mailcode EMAIL`: the code in the
    /// newest mail that has one).
    func resolve(_ expression: String) throws -> String {
        let parts = expression.split(separator: " ", maxSplits: 1).map(String.init)
        switch parts.first {
        case "phone.totp" where parts.count == 2:
            let code = try phone.code(for: parts[1])
            remember("phone.totp", code, secret: true)
            return code
        case "phone.sms" where parts.count == 2:
            guard let code = try phone.latestCode(to: parts[1]) else {
                throw WalkthroughFailure.action(
                    WalkthroughWords.text("noSMSCodeYet", ["number": String(parts[1])]))
            }
            remember("phone.sms", code, secret: true)
            return code
        case "phone.mailcode" where parts.count == 2:
            guard let code = try phone.mail(to: parts[1]).lazy.compactMap({ Phone.code(in: $0.body) }).first
            else {
                throw WalkthroughFailure.action(
                    WalkthroughWords.text("noMailCodeYet", ["email": String(parts[1])]))
            }
            remember("phone.mailcode", code, secret: true)
            return code
        default:
            guard let value = variables[expression] else {
                let known = variables.keys.sorted().joined(separator: ", ")
                throw WalkthroughFailure.badCapture(
                    WalkthroughWords.text(
                        "noCapture",
                        ["name": expression, "known": known.isEmpty ? WalkthroughWords.text("none") : known]))
            }
            return value
        }
    }
}

/// Text matching on a rendered screen: runs of white space count as one space, so a
/// sentence the renderer wrapped over two lines is still found.
enum ScreenText {
    static func contains(_ lines: [String], _ wanted: String) -> Bool {
        let haystack = collapse(lines.joined(separator: " "))
        let needle = collapse(wanted)
        return needle.isEmpty || found(needle, in: haystack)
    }

    /// Substring search on the UTF-8 bytes (UTF-8 never matches mid-character).
    /// `String.contains` goes through Foundation and the generic `firstRange(of:)` is slow;
    /// walkthroughs search every screen they look at.
    /// - Complexity: O(n·m) at worst, about O(n) for text.
    static func found(_ needle: String, in haystack: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { wanted in
                guard let first = wanted.first else { return true }
                guard wanted.count <= text.count else { return false }
                var index = 0
                let last = text.count - wanted.count
                while index <= last {
                    if text[index] == first {
                        var offset = 1
                        while offset < wanted.count, text[index + offset] == wanted[offset] { offset += 1 }
                        if offset == wanted.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }

    /// Runs of spaces, tabs, line breaks and no-break spaces become one space (by
    /// Unicode scalar, which is much cheaper than by grapheme on every `expect`). With
    /// `droppingBlocks`, the block elements a QR code is drawn with (U+2580 to U+259F)
    /// count as space too: beside a QR code, the text column then reads in one piece.
    static func collapse(_ text: String, droppingBlocks: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{A0}":
                pendingSpace = !out.isEmpty
            case "\u{2580}"..."\u{259F}" where droppingBlocks:
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// The viewport: what the terminal shows of the screen at the script's size.
extension WalkthroughRunner {
    /// Lays out the current screen as the terminal would, following it as `TerminalApp`
    /// does: a new screen starts at the top; a step that acts on it brings the focus into
    /// view; `scroll` moves the view.
    @discardableResult
    func viewport() -> (frame: Frame, screen: Screen)? {
        guard let session else { return nil }
        let screen = session.screen
        if screen.id != viewScreenID {
            view.scroll = 0
            view.revealFocus = false
            viewScreenID = screen.id
        }
        let frame: Frame
        if let last = lastViewport, last.options == view, last.screen == screen {
            frame = last.frame
        } else {
            frame = Layout.frame(screen, width: width, height: height, options: view)
        }
        view.scroll = frame.scroll
        view.revealFocus = false
        // Laid out again at the scroll it settled on, the screen gives the same frame.
        lastViewport = (screen, view, frame)
        return (frame, screen)
    }

    /// Whether `needle` (collapsed) is in the text a person can read: the viewport's lines
    /// as drawn (a QR code's blocks read as space), or else the text renderer's lines (QA's conventions: `(disabled)`, `> `
    /// focus) of the elements drawn whole. Each is joined and collapsed once and kept while
    /// neither the screen nor the view changes (expectations come in runs); the second is
    /// made only when the first lacks the needle.
    func isVisible(_ needle: String) -> Bool {
        guard let (frame, screen) = viewport() else { return false }
        if lastHaystacks == nil || lastHaystacks?.screen != screen || lastHaystacks?.options != view {
            let drawn = ScreenText.collapse(frame.grid.lines.joined(separator: " "), droppingBlocks: true)
            lastHaystacks = (screen, view, [drawn])
        }
        guard var haystacks = lastHaystacks?.haystacks else { return false }
        if ScreenText.found(needle, in: haystacks[0]) { return true }
        if haystacks.count == 1 {
            haystacks.append(ScreenText.collapse(visibleElementLines(frame, screen).joined(separator: " ")))
            lastHaystacks = (screen, view, haystacks)
        }
        return ScreenText.found(needle, in: haystacks[1])
    }

    /// The text renderer's lines of the elements the viewport shows whole.
    private func visibleElementLines(_ frame: Frame, _ screen: Screen) -> [String] {
        var seen = screen
        seen.elements = screen.elements.enumerated().filter { frame.visibleElements.contains($0.offset) }.map(\.element)
        seen.status = ""
        return TextRenderer.render(seen, width: width, height: nil)
    }

    /// `scroll up|down|top|bottom`: PgUp, PgDn, Home, End.
    func scroll(_ direction: String) throws {
        guard let (frame, _) = viewport() else { throw WalkthroughFailure.action("no portal session is open") }
        switch direction {
        case "up": view.scroll = max(0, frame.scroll - frame.page)
        case "down": view.scroll = frame.scroll + frame.page
        case "top": view.scroll = 0
        default: view.scroll = frame.maxScroll
        }
        view.revealFocus = false
    }

    /// After a step that acts on the screen, the terminal brings the focus into view.
    func revealFocus() { view.revealFocus = true }

    /// After every step: a new screen starts at the top. The view itself is laid out only
    /// when a step looks at it (`expect`, `scroll`, a snapshot), with the focus brought into
    /// view if a step since acted on the screen.
    func followScreen() {
        guard let id = session?.screen.id, id != viewScreenID else { return }
        view.scroll = 0
        view.revealFocus = false
        viewScreenID = id
    }
}
