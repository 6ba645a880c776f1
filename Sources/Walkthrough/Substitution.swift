/// Replaces `{...}` captures in a step's arguments; called by the runner just before a
/// step runs, so a capture made by an earlier step is visible to every later one.
enum Substitution {
    /// Expands every `{expression}` in `text` through `resolve`; `\{` and `\}` stand for
    /// literal braces. Captures nest: in `{phone.totp {email}}` the inner one expands first.
    /// - Throws: `WalkthroughFailure.badCapture` for an unterminated `{`, or whatever
    ///   `resolve` throws for an unknown name.
    static func expand(_ text: String, resolve: (String) throws -> String) throws -> String {
        guard text.contains("{") || text.contains("\\") else { return text }
        var result = ""
        var expression: String?
        var depth = 0
        var escaping = false
        for character in text {
            if escaping {
                if character == "{" || character == "}" {
                    if expression != nil {
                        expression?.append("\\")
                        expression?.append(character)
                    } else {
                        result.append(character)
                    }
                } else {
                    if expression != nil {
                        expression?.append("\\")
                        expression?.append(character)
                    } else {
                        result.append("\\")
                        result.append(character)
                    }
                }
                escaping = false
                continue
            }
            switch character {
            case "\\":
                escaping = true
            case "{" where expression == nil:
                expression = ""
                depth = 1
            case "{":
                depth += 1
                expression?.append(character)
            case "}" where expression != nil && depth > 1:
                depth -= 1
                expression?.append(character)
            case "}" where expression != nil:
                let inner = try expand(expression ?? "", resolve: resolve)
                result += try resolve(inner.trimmingWhitespace)
                expression = nil
                depth = 0
            default:
                if expression != nil { expression?.append(character) } else { result.append(character) }
            }
        }
        if escaping { result.append("\\") }
        if let expression {
            throw WalkthroughFailure.badCapture(
                WalkthroughWords.text("unterminatedBrace", ["expression": expression]))
        }
        return result
    }
}
