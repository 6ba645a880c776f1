import KeepsafeBase

/// The verbs a walkthrough understands, with how many arguments each takes.
/// `Script(parsing:)` checks every line against this table before anything runs, so a
/// typo fails at once with its line number instead of half-way through a run.
enum VerbCatalogue {
    struct Arity {
        var minimum: Int
        var maximum: Int
        var usage: String
    }

    static let verbs: [String: Arity] = [
        "size": Arity(minimum: 1, maximum: 1, usage: "size WIDTHxHEIGHT"),
        "clock": Arity(minimum: 1, maximum: 1, usage: "clock 2026-05-01T09:00:00Z"),
        "advance": Arity(minimum: 1, maximum: 1, usage: "advance 16m"),
        "key": Arity(minimum: 1, maximum: .max, usage: "key NAME..."),
        "type": Arity(minimum: 1, maximum: 1, usage: "type TEXT"),
        "fill": Arity(minimum: 2, maximum: 2, usage: "fill LABEL TEXT"),
        "press": Arity(minimum: 1, maximum: 1, usage: "press LABEL"),
        "toggle": Arity(minimum: 1, maximum: 1, usage: "toggle LABEL"),
        "expect": Arity(minimum: 1, maximum: 2, usage: "expect TEXT | expect anywhere TEXT"),
        "scroll": Arity(minimum: 1, maximum: 1, usage: "scroll up|down|top|bottom"),
        "expect-not": Arity(minimum: 1, maximum: 1, usage: "expect-not TEXT"),
        "expect-screen": Arity(minimum: 1, maximum: 1, usage: "expect-screen SCREEN-ID"),
        "snapshot": Arity(minimum: 1, maximum: 1, usage: "snapshot NAME"),
        "phone": Arity(
            minimum: 1, maximum: 3,
            usage:
                "phone scan|add URI|approve [N]|deny|sms NUMBER|mail EMAIL [TEXT]|totp ACCOUNT|pending COUNT"),
        "capture": Arity(minimum: 2, maximum: 2, usage: "capture NAME REGEX"),
        "set": Arity(minimum: 2, maximum: 2, usage: "set NAME VALUE"),
        "device": Arity(minimum: 1, maximum: 1, usage: "device NAME"),
        "restart": Arity(minimum: 0, maximum: 0, usage: "restart"),
        "poll": Arity(minimum: 0, maximum: 0, usage: "poll"),
        "include": Arity(minimum: 1, maximum: 1, usage: "include FILE"),
    ]

    static let phoneVerbs: [String: Arity] = [
        "scan": Arity(minimum: 0, maximum: 0, usage: "phone scan"),
        "add": Arity(minimum: 1, maximum: 1, usage: "phone add URI"),
        "approve": Arity(minimum: 0, maximum: 1, usage: "phone approve [NUMBER-TO-MATCH]"),
        "deny": Arity(minimum: 0, maximum: 0, usage: "phone deny"),
        "sms": Arity(minimum: 1, maximum: 1, usage: "phone sms NUMBER"),
        "mail": Arity(minimum: 1, maximum: 2, usage: "phone mail EMAIL [TEXT]"),
        "totp": Arity(minimum: 1, maximum: 1, usage: "phone totp ACCOUNT"),
        "pending": Arity(minimum: 1, maximum: 1, usage: "phone pending COUNT"),
    ]
}

extension Step {
    /// Checks the verb, its argument count and every argument that holds no `{capture}`
    /// (key names, sizes, times, durations, snapshot names, counts, regular expressions),
    /// so that a typo fails before anything runs.
    /// - Throws: `ScriptError.syntax` with the usage of the verb, or what is wrong with
    ///   the argument and, for a near miss, what was probably meant.
    func validate(file: String) throws {
        guard let arity = VerbCatalogue.verbs[verb] else {
            let known = VerbCatalogue.verbs.keys.sorted()
            throw ScriptError.syntax(
                file: file, line: line,
                reason: WalkthroughWords.text(
                    "unknownVerb",
                    [
                        "verb": verb, "suggestion": Suggestion.phrase(for: verb, among: known),
                        "known": known.joined(separator: ", "),
                    ]))
        }
        try Self.check(arguments.count, arity, file: file, line: line)
        if verb == "phone" {
            let action = arguments[0].text.lowercased()
            guard let phoneArity = VerbCatalogue.phoneVerbs[action] else {
                throw ScriptError.syntax(
                    file: file, line: line,
                    reason: WalkthroughWords.text(
                        "unknownPhoneAction",
                        [
                            "action": action,
                            "suggestion": Suggestion.phrase(
                                for: action, among: VerbCatalogue.phoneVerbs.keys.sorted()),
                            "usage": arity.usage,
                        ]))
            }
            try Self.check(arguments.count - 1, phoneArity, file: file, line: line)
        }
        do {
            try validateLiteralArguments()
        } catch let failure as WalkthroughFailure {
            throw ScriptError.syntax(file: file, line: line, reason: failure.description)
        }
    }

    /// The checks the runner would make, done now for arguments without captures.
    private func validateLiteralArguments() throws {
        func literal(_ index: Int) -> String? {
            guard index < arguments.count, !arguments[index].text.contains("{") else { return nil }
            return arguments[index].text
        }
        switch verb {
        case "size": if let text = literal(0) { _ = try StepArguments.size(text) }
        case "clock": if let text = literal(0) { _ = try StepArguments.instant(text) }
        case "advance": if let text = literal(0) { _ = try StepArguments.duration(text) }
        case "snapshot": if let text = literal(0) { try StepArguments.snapshotName(text) }
        case "key":
            for index in arguments.indices {
                if let text = literal(index) { _ = try StepArguments.key(text) }
            }
        case "expect" where arguments.count == 2:
            guard arguments[0].text == "anywhere" else {
                throw WalkthroughFailure.badArgument("expect takes one TEXT, or `anywhere` and a TEXT")
            }
        case "scroll":
            if let text = literal(0), !["up", "down", "top", "bottom"].contains(text.lowercased()) {
                throw WalkthroughFailure.badArgument("scroll up, down, top or bottom (got '\(text)')")
            }
        case "capture":
            // The pattern is never expanded (`{6}` is a quantifier), so it is always checked.
            _ = try StepArguments.regex(arguments[1].text)
        case "phone":
            let action = arguments[0].text.lowercased()
            if action == "approve", let text = literal(1) {
                _ = try StepArguments.count(text, for: "phone approve")
            }
            if action == "pending", let text = literal(1) {
                _ = try StepArguments.count(text, for: "phone pending")
            }
        default: break
        }
    }

    private static func check(_ count: Int, _ arity: VerbCatalogue.Arity, file: String, line: Int) throws {
        guard count >= arity.minimum, count <= arity.maximum else {
            throw ScriptError.syntax(
                file: file, line: line, reason: WalkthroughWords.text("wrongArity", ["usage": arity.usage]))
        }
    }
}
