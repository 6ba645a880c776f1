/// Splits one walkthrough line into words; called by `Script(parsing:file:)` for every line.
enum StepTokenizer {
    /// The words of `line`; an empty array for blank and comment lines.
    /// - Throws: `ScriptError.syntax` for an unterminated quote.
    static func tokenize(_ line: String, file: String, line number: Int) throws -> [Word] {
        var words: [Word] = []
        var current = ""
        var inWord = false
        var quoted = false
        var inQuotes = false
        var escaping = false
        var previousWasSpace = true
        // Inside an unquoted `{...}` capture spaces do not split: `{phone.totp a@b.c}`.
        var captureDepth = 0

        func finishWord() {
            if inWord { words.append(Word(current, quoted: quoted)) }
            current = ""
            inWord = false
            quoted = false
        }

        for character in line {
            if escaping {
                switch character {
                case "n": current.append("\n")
                case "t": current.append("\t")
                case "\\", "\"": current.append(character)
                // Kept escaped so the capture expansion later reads a literal brace.
                case "{", "}": current += "\\" + String(character)
                default:
                    // Other escapes pass through untouched, so regular expressions
                    // (`\d`, `\.`) read naturally inside quotes.
                    current += "\\" + String(character)
                }
                escaping = false
                continue
            }
            if inQuotes {
                switch character {
                case "\\": escaping = true
                case "\"": inQuotes = false
                default: current.append(character)
                }
                continue
            }
            if captureDepth > 0 {
                current.append(character)
                if character == "{" { captureDepth += 1 }
                if character == "}" { captureDepth -= 1 }
                continue
            }
            switch character {
            case "{":
                inWord = true
                captureDepth = 1
                current.append(character)
            case " ", "\t", "\r":
                finishWord()
                previousWasSpace = true
                continue
            case "#" where previousWasSpace:
                finishWord()
                return words
            case "\"":
                inQuotes = true
                inWord = true
                quoted = true
            default:
                inWord = true
                current.append(character)
            }
            previousWasSpace = false
        }
        if inQuotes || escaping {
            throw ScriptError.syntax(
                file: file, line: number, reason: WalkthroughWords.text("unterminatedQuote"))
        }
        finishWord()
        return words
    }
}
