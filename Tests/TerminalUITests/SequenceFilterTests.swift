import Testing

@testable import TerminalUI

/// Input as curses hands it over: everything already sent is there at once; nothing more
/// comes, however long the reader waits.
private final class ScriptedInput {
    var queue: [RawInput]

    init(_ text: String) {
        queue = text.unicodeScalars.map { .character($0.value) }
    }

    init(_ inputs: [RawInput]) { queue = inputs }

    func read(_ timeout: Int?) -> RawInput? { queue.isEmpty ? nil : queue.removeFirst() }
}

/// Everything the filter lets through until the input runs dry.
private func keys(_ input: ScriptedInput, filter: inout SequenceFilter) -> [RawInput] {
    var out: [RawInput] = []
    while let next = filter.next(timeout: 0, read: input.read) { out.append(next) }
    return out
}

private func characters(_ text: String) -> [RawInput] { text.unicodeScalars.map { .character($0.value) } }

@Suite("Control sequences that are not keys")
struct SequenceFilterTests {
    @Test(
        "a terminal's late answers never become keys: OSC 11 (ST or BEL), then device attributes",
        arguments: [
            "\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[?62;22c",
            "\u{1B}]11;rgb:0000/0000/0000\u{07}\u{1B}[?1;2c",
            "\u{1B}P1$r0m\u{1B}\\",
        ])
    func lateAnswers(answer: String) {
        var filter = SequenceFilter()
        #expect(keys(ScriptedInput("ab" + answer + "c"), filter: &filter) == characters("abc"))
    }

    @Test("keys terminfo does not know (Ctrl-Up) are dropped whole, not typed")
    func unknownKeys() {
        var filter = SequenceFilter()
        #expect(keys(ScriptedInput("\u{1B}[1;5A\t"), filter: &filter) == characters("\t"))
    }

    @Test("Esc alone is still Esc; Esc and a letter (Alt) keep both, in order")
    func escapeKey() {
        var filter = SequenceFilter()
        #expect(keys(ScriptedInput("\u{1B}"), filter: &filter) == characters("\u{1B}"))
        #expect(keys(ScriptedInput("\u{1B}x"), filter: &filter) == characters("\u{1B}x"))
        #expect(keys(ScriptedInput("\u{1B}\u{1B}"), filter: &filter) == characters("\u{1B}\u{1B}"))
        // Esc pressed, then an unknown key: the Esc stays, the sequence goes.
        #expect(keys(ScriptedInput("\u{1B}\u{1B}[1;5Ax"), filter: &filter) == characters("\u{1B}x"))
    }

    @Test("a sequence cut short is dropped; what follows later reads normally")
    func cutShort() {
        var filter = SequenceFilter()
        #expect(keys(ScriptedInput("\u{1B}]11;rgb:ff"), filter: &filter) == [])
        #expect(keys(ScriptedInput("q"), filter: &filter) == characters("q"))
    }

    @Test("a function key inside a sequence ends it and is kept")
    func functionKeyInside() {
        var filter = SequenceFilter()
        let up = RawInput.keyCode(KeyDecoder.keyUp)
        let input = ScriptedInput(characters("\u{1B}[1") + [up] + characters("z"))
        #expect(keys(input, filter: &filter) == [up] + characters("z"))
    }

    @Test("an endless control string stops at its bound; the input after it is read")
    func bounded() {
        var filter = SequenceFilter()
        let long = "\u{1B}]" + String(repeating: "x", count: SequenceFilter.longestString + 5)
        #expect(keys(ScriptedInput(long), filter: &filter) == characters("xxxxx"))
    }
}
