import TestSupport
import Testing

@testable import Walkthrough

@Suite("walkthrough script parser")
struct ScriptParserTests {
    @Test("verbs, quoted arguments, escapes and comments")
    func parsesLines() throws {
        let text = """
            # a comment line
            size 80x24
            fill "Full name" "Ann \\"Nan\\" O'Neil"   # trailing comment
            press Continue
            expect "a # inside quotes stays"
            type C#sharp

            key Tab Shift-Tab Enter
            """
        let script = try Script(parsing: text, file: "x.walk")
        #expect(script.steps.map(\.verb) == ["size", "fill", "press", "expect", "type", "key"])
        #expect(script.steps.map(\.line) == [2, 3, 4, 5, 6, 8])
        #expect(script.steps[1].arguments.map(\.text) == ["Full name", "Ann \"Nan\" O'Neil"])
        #expect(script.steps[3].arguments.map(\.text) == ["a # inside quotes stays"])
        #expect(script.steps[4].arguments.map(\.text) == ["C#sharp"])
        #expect(script.steps[5].arguments.count == 3)
    }

    @Test("newline and tab escapes, empty quoted argument")
    func escapes() throws {
        let script = try Script(parsing: #"fill "Email" "" # empty"# + "\n" + #"type "a\tb\nc""#, file: "x")
        #expect(script.steps[0].arguments.map(\.text) == ["Email", ""])
        #expect(script.steps[1].arguments.map(\.text) == ["a\tb\nc"])
    }

    @Test(
        "bad lines name the file and line",
        arguments: [
            ("press \"Continue", 1, "unterminated"),
            ("\nfrobnicate x", 2, "unknown verb 'frobnicate'"),
            ("fill Email", 1, "usage: fill LABEL TEXT"),
            ("phone levitate", 1, "unknown phone action"),
            ("phone sms", 1, "usage: phone sms NUMBER"),
        ])
    func rejects(text: String, line: Int, reason: String) {
        #expect {
            _ = try Script(parsing: text, file: "bad.walk")
        } throws: { error in
            guard case .syntax(let file, let at, let why) = error as? ScriptError else { return false }
            return file == "bad.walk" && at == line && why.contains(reason)
        }
    }

    @Test("other backslash pairs stay as written (regular expressions)")
    func regexEscapes() throws {
        let script = try Script(parsing: #"capture code "code: (\d{6})\.""#, file: "x")
        #expect(script.steps[0].arguments[1].text == #"code: (\d{6})\."#)
    }

    @Test("an unquoted {capture with spaces} stays one argument")
    func inlineCapture() throws {
        let script = try Script(
            parsing: "fill Code {phone.totp alice@example.com} # the app's code", file: "x")
        #expect(script.steps[0].arguments.map(\.text) == ["Code", "{phone.totp alice@example.com}"])
        let nested = try Script(parsing: "type {phone.totp {who} x}", file: "x")
        #expect(nested.steps[0].arguments.map(\.text) == ["{phone.totp {who} x}"])
    }

    @Test("a step writes back as it would be typed")
    func stepText() throws {
        let script = try Script(parsing: #"fill "Full name" Ann"#, file: "x")
        #expect(script.steps[0].text == #"fill "Full name" Ann"#)
    }
}

@Suite("captures and arguments")
struct SubstitutionTests {
    @Test("{name} expands, \\{ stays literal, unknown names fail")
    func expands() throws {
        let values = ["code": "123456", "email": "a@example.com"]
        let resolve: (String) throws -> String = { name in
            guard let value = values[name] else { throw WalkthroughFailure.badCapture("no \(name)") }
            return value
        }
        #expect(try Substitution.expand("{code}", resolve: resolve) == "123456")
        #expect(try Substitution.expand("to {email} now", resolve: resolve) == "to a@example.com now")
        #expect(try Substitution.expand(#"\{code\}"#, resolve: resolve) == "{code}")
        #expect(try Substitution.expand("plain", resolve: resolve) == "plain")
        let nested = try Substitution.expand("{x {email}}") { $0 == "email" ? "a@b.c" : "[\($0)]" }
        #expect(nested == "[x a@b.c]")
        #expect(throws: WalkthroughFailure.self) { try Substitution.expand("{nope}", resolve: resolve) }
        #expect(throws: WalkthroughFailure.self) { try Substitution.expand("{code", resolve: resolve) }
    }

    @Test("quoted \\{ reaches the expansion as a literal brace")
    func quotedBrace() throws {
        let script = try Script(parsing: #"type "\{x\}""#, file: "x")
        let text = try Substitution.expand(script.steps[0].arguments[0].text) { _ in "WRONG" }
        #expect(text == "{x}")
    }

    @Test(
        "durations",
        arguments: [
            ("90", 90.0), ("30s", 30), ("16m", 960), ("1h30m", 5400), ("2d", 172_800), ("14m59s", 899),
        ]
    )
    func durations(text: String, seconds: Double) throws {
        #expect(try StepArguments.duration(text) == seconds)
    }

    @Test("bad durations, sizes and instants are refused", arguments: ["", "m", "5x", "-3", "1h-2m"])
    func badDurations(text: String) {
        #expect(throws: WalkthroughFailure.self) { try StepArguments.duration(text) }
    }

    @Test("sizes and instants")
    func sizes() throws {
        #expect(try StepArguments.size("100x30") == (100, 30))
        #expect(throws: WalkthroughFailure.self) { try StepArguments.size("10x30") }
        #expect(throws: WalkthroughFailure.self) { try StepArguments.size("80by24") }
        #expect(try StepArguments.instant("2026-05-01T09:00:00Z").timeIntervalSince1970 == 1_777_626_000)
        #expect(
            try StepArguments.instant("2026-05-01T09:00:00.500Z").timeIntervalSince1970 == 1_777_626_000.5)
        #expect(throws: WalkthroughFailure.self) { try StepArguments.instant("yesterday") }
    }
}

@Suite("walkthrough includes")
struct IncludeTests {
    @Test("include splices the other file's steps, which keep their own file and line")
    func splices() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try "# shared\nfill Email {email}\npress \"Log in\"\n".write(
            toFile: folder.file("login.walkinc"), atomically: true, encoding: .utf8)
        try "set email a@example.com\ninclude login.walkinc\nexpect Home\n".write(
            toFile: folder.file("main.walk"), atomically: true, encoding: .utf8)
        let script = try Script(contentsOf: folder.file("main.walk"))
        #expect(script.steps.map(\.verb) == ["set", "fill", "press", "expect"])
        #expect(script.steps[1].file?.hasSuffix("/login.walkinc") == true)
        #expect(script.steps[1].line == 2)
        #expect(script.steps[3].line == 3)
    }

    @Test("a missing or looping include is a syntax error")
    func badIncludes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try "include loop.walk\n".write(toFile: folder.file("loop.walk"), atomically: true, encoding: .utf8)
        #expect(throws: ScriptError.self) { try Script(contentsOf: folder.file("loop.walk")) }
        try "include nowhere.walkinc\n".write(
            toFile: folder.file("m.walk"), atomically: true, encoding: .utf8)
        #expect(throws: ScriptError.self) { try Script(contentsOf: folder.file("m.walk")) }
    }
}

/// Issue 15: every step is checked when the file is parsed, with a suggestion for a typo.
@Suite("walkthrough parse-time validation")
struct ParseValidationTests {
    static func reason(_ text: String) -> String? {
        do {
            _ = try Script(parsing: text, file: "x.walk")
            return nil
        } catch let error as ScriptError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test("an unknown key fails at parse, names the nearest key and lists them all")
    func unknownKey() throws {
        let reason = try #require(Self.reason("size 80x24\nkey Tab Tabb"))
        #expect(reason.hasPrefix("x.walk:2: unknown key 'Tabb' (did you mean 'Tab'?)"), "\(reason)")
        for key in ["Shift-Tab", "PageUp", "PageDown", "Backspace", "F1"] {
            #expect(reason.contains(key), "\(key) missing from: \(reason)")
        }
    }

    @Test(
        "bad literal arguments fail at parse",
        arguments: [
            ("size 5x5", "size must be"), ("clock tomorrow", "ISO 8601"),
            ("advance 5x", "advance needs a duration"),
            ("snapshot ../escape", "snapshot names"),
            ("capture code \"(unclosed\"", "invalid regular expression"),
            ("phone pending many", "not a whole number"), ("phone approve x1", "not a whole number"),
        ])
    func badLiterals(line: String, expected: String) throws {
        let reason = try #require(Self.reason(line), "\(line) parsed")
        #expect(reason.contains(expected), "\(line): \(reason)")
        #expect(reason.hasPrefix("x.walk:1: "))
    }

    @Test("arguments with captures are left for the run")
    func capturesWait() throws {
        #expect(Self.reason("set k Tab\nkey {k}\nadvance {d}\nsize {s}") == nil)
    }

    @Test("an unknown verb or phone action gets the nearest one")
    func verbSuggestion() throws {
        #expect(Self.reason("pres Continue")?.contains("did you mean 'press'?") == true)
        #expect(Self.reason("phone aprove")?.contains("did you mean 'approve'?") == true)
    }

    @Test("every bundled walkthrough parses, includes and snapshots resolving inside the binary")
    func bundledParse() throws {
        let files = WalkthroughFiles.bundled
        #expect(files.count >= 40)
        for file in files {
            let script = try Script(contentsOf: file)
            #expect(!script.steps.isEmpty, "\(file)")
        }
        #expect(WalkthroughFiles.read("bundled:/walkthroughs/lib/../snapshots/home.txt") != nil)
        #expect(WalkthroughFiles.read("bundled:/walkthroughs/../../etc/passwd") == nil)
    }
}
