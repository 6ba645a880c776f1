import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One parsed walkthrough file: its steps in order.
///
///     let script = try Script(parsing: text, file: "totp-enroll.walk")
public struct Script: Sendable, Equatable {
    /// The file name (or path) used in failure messages.
    public var file: String
    public var steps: [Step]

    public init(file: String, steps: [Step]) {
        self.file = file
        self.steps = steps
    }

    /// Parses a walkthrough: one step a line, `#` comments (whole line, or after
    /// whitespace outside quotes), double-quoted arguments with `\"`, `\\`, `\n`, `\t`
    /// escapes (any other backslash pair is kept as written, for regular expressions).
    /// - Throws: `ScriptError` naming the file and line of the first bad line.
    ///
    /// `include PATH` splices in the steps of another file (relative to this one's
    /// folder; shared fragments end in `.walkinc` so they are not run on their own).
    public init(parsing text: String, file: String) throws {
        self.init(file: file, steps: try Self.steps(of: text, file: file, depth: 0))
    }

    /// Includes nest at most this deep (a file including itself stops here).
    static let maximumIncludeDepth = 8

    private static func steps(of text: String, file: String, depth: Int) throws -> [Step] {
        var steps: [Step] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let words = try StepTokenizer.tokenize(String(rawLine), file: file, line: number)
            guard let verb = words.first else { continue }
            var step = Step(line: number, verb: verb.text.lowercased(), arguments: Array(words.dropFirst()))
            step.file = file
            try step.validate(file: file)
            guard step.verb == "include" else {
                steps.append(step)
                continue
            }
            guard depth < maximumIncludeDepth else {
                throw ScriptError.syntax(
                    file: file, line: number, reason: WalkthroughWords.text("includeTooDeep"))
            }
            let folder = Path.parent(file)
            let target = step.arguments[0].text
            let path = target.hasPrefix("/") ? target : Path.join(folder, target)
            guard let text = WalkthroughFiles.read(path) else {
                throw ScriptError.syntax(
                    file: file, line: number,
                    reason: WalkthroughWords.text("includeUnreadable", ["path": path]))
            }
            steps += try Self.steps(of: text, file: path, depth: depth + 1)
        }
        return steps
    }

    /// Reads and parses the file at `path`.
    /// - Throws: `ScriptError.unreadable` or a parse error.
    public init(contentsOf path: String) throws {
        guard let text = WalkthroughFiles.read(path) else { throw ScriptError.unreadable(file: path) }
        try self.init(parsing: text, file: path)
    }
}

/// One line of a walkthrough.
public struct Step: Sendable, Equatable {
    /// 1-based line number in the file.
    public var line: Int
    /// The file the step was written in (differs from the script's for included steps).
    public var file: String?
    /// The verb, lowercased (`press`, `phone`, `expect-not`, ...).
    public var verb: String
    public var arguments: [Word]

    public init(line: Int, verb: String, arguments: [Word], file: String? = nil) {
        self.line = line
        self.file = file
        self.verb = verb
        self.arguments = arguments
    }

    /// The step as written, for reports and recordings.
    public var text: String {
        ([verb] + arguments.map(\.source)).joined(separator: " ")
    }
}

/// One argument: its text after unquoting, and whether it was quoted.
public struct Word: Sendable, Equatable {
    public var text: String
    public var quoted: Bool

    public init(_ text: String, quoted: Bool = false) {
        self.text = text
        self.quoted = quoted
    }

    /// The argument as it would be written back.
    public var source: String {
        guard quoted || text.isEmpty || text.contains(where: { $0 == " " || $0 == "#" || $0 == "\"" }) else {
            return text
        }
        let escaped = text.replacing("\\", with: "\\\\")
            .replacing("\"", with: "\\\"")
            .replacing("\n", with: "\\n")
            .replacing("\t", with: "\\t")
        return "\"" + escaped + "\""
    }
}

/// A walkthrough file that cannot be read or parsed.
public enum ScriptError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String)
    case syntax(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file):
            return WalkthroughWords.text("unreadable", ["file": file])
        case .syntax(let file, let line, let reason):
            return "\(file):\(line): \(reason)"
        }
    }
}
