import Testing

@testable import KeepsafeFlow

/// The shell editing keys of every field (portal and phone share `LineEditor`): each row
/// is the text with its cursor (`|`), the key, and the text and cursor after.
@Suite struct LineEditingTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var before: String
        var key: Key
        var after: String
        var testDescription: String { "\(before) + \(key) → \(after)" }
    }

    static let rows: [Row] = [
        Row(before: "alice@exa|mple.com", key: .control("u"), after: "|mple.com"),
        Row(before: "alice@exa|mple.com", key: .control("k"), after: "alice@exa|"),
        Row(before: "alice@exa|mple.com", key: .control("a"), after: "|alice@example.com"),
        Row(before: "alice@exa|mple.com", key: .control("e"), after: "alice@example.com|"),
        Row(before: "united king|", key: .control("w"), after: "united |"),
        Row(before: "united   |", key: .control("w"), after: "|"),
        Row(before: "one two| three", key: .control("w"), after: "one | three"),
        Row(before: "|abc", key: .control("w"), after: "|abc"),
        Row(before: "abc|", key: .control("u"), after: "|"),
        Row(before: "ab|c", key: .home, after: "|abc"),
        Row(before: "ab|c", key: .end, after: "abc|"),
        Row(before: "ab|c", key: .left, after: "a|bc"),
        Row(before: "ab|c", key: .right, after: "abc|"),
        Row(before: "ab|c", key: .backspace, after: "a|c"),
        Row(before: "ab|c", key: .delete, after: "ab|"),
        Row(before: "ab|c", key: .character("x"), after: "abx|c"),
        Row(before: "ab|c", key: .space, after: "ab |c"),
    ]

    static func parse(_ text: String) -> (String, Int) {
        let cursor = text.distance(from: text.startIndex, to: text.firstIndex(of: "|")!)
        return (text.replacingOccurrences(of: "|", with: ""), cursor)
    }

    @Test(arguments: rows) func editingKeys(_ row: Row) {
        let (text, cursor) = Self.parse(row.before)
        var line = LineEditor(text, cursor: cursor)
        #expect(line.apply(row.key, editable: true) == .edited)
        let (expected, expectedCursor) = Self.parse(row.after)
        #expect(line.text == expected)
        #expect(line.cursor == expectedCursor)
    }

    @Test func aReadOnlyFieldRefusesEveryChangeButMovesItsCursor() {
        for key in [Key.character("x"), .space, .backspace, .delete, .control("u"), .control("k"), .control("w")] {
            var line = LineEditor("acme", cursor: 2)
            #expect(line.apply(key, editable: false) == .refused, "\(key)")
            #expect(line.text == "acme" && line.cursor == 2, "\(key)")
        }
        var line = LineEditor("acme", cursor: 2)
        #expect(line.apply(.control("a"), editable: false) == .edited)
        #expect(line.cursor == 0)
    }

    @Test func pastedTextStopsAtTheCap() {
        var line = LineEditor(String(repeating: "a", count: LineEditor.maximumLength), cursor: LineEditor.maximumLength)
        #expect(line.apply(.character("b"), editable: true) == .refused)
        #expect(line.apply(.space, editable: true) == .refused)
        #expect(line.text.count == LineEditor.maximumLength)
    }

    @Test func notEditingKeysAreLeftToTheForm() {
        var line = LineEditor("abc", cursor: 1)
        for key in [Key.tab, .backTab, .up, .down, .enter, .escape, .pageUp] {
            #expect(line.apply(key, editable: true) == .notEditing, "\(key)")
        }
    }

    /// Through the real flow: Ctrl-U in the log-in email field erases what was typed.
    @Test func ctrlUInThePortal() {
        typealias F = ReduceFixture
        let start = F.state(.entry(.logIn), focus: "email")
        let (typed, _) = F.keys(start, F.type("alice@example.com") + [.control("u")])
        #expect(typed.form.value("email") == "")
        #expect(typed.form.cursors["email"] == 0)
        let (again, _) = F.keys(typed, F.type("bob one") + [.control("w")])
        #expect(again.form.value("email") == "bob ")
    }

    @Test func walkthroughsNameTheControlKeys() {
        #expect(Key(name: "Ctrl-U") == .control("u"))
        #expect(Key(name: "C-w") == .control("w"))
        #expect(Key(name: "^A") == .control("a"))
        #expect(Key(name: "^") == .character("^"))
        #expect(Key(name: "Ctrl-1") == nil)
    }
}
