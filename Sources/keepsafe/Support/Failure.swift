import ArgumentParser
import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Exit codes of the command-line contract (PRODUCT.md section 4).
enum Exit {
    /// A failed check or walkthrough.
    static let failed = ExitCode(1)
    /// Bad usage or input.
    static let usage = ExitCode(2)
    /// Store error: corrupt, locked, unwritable.
    static let store = ExitCode(3)
}

/// Writes `keepsafe: message` as one line on stderr and returns the exit code to throw.
///
///     throw fail("bad URI: missing secret", Exit.usage)
func fail(_ message: String, _ code: ExitCode) -> ExitCode {
    let line = "keepsafe: " + message.replacing("\n", with: " ") + "\n"
    StandardStream.error(line)
    return code
}
