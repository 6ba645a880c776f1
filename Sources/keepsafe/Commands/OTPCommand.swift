import ArgumentParser
import KeepsafeBase
import KeepsafeFlow
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keepsafe otp [--at TIME] [--json] URI`: the code an authenticator app shows for an otpauth
/// URI, like `oathtool --totp`.
///
///     keepsafe otp 'otpauth://totp/Ex:alice?secret=JBSWY3DPEHPK3PXP'
///     keepsafe otp --at 2026-05-01T09:00:00Z --json 'otpauth://totp/...'
///     keepsafe otp - < uri.txt
struct OTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "otp",
        abstract: "Print the one-time password for an otpauth URI.",
        discussion: """
            Prints the code for a TOTP URI at the given time (default: now), or for an HOTP \
            URI at its counter. Push enrollment URIs work too (their fallback TOTP code).
            """
    )

    @Option(name: .long, help: "The time: ISO 8601 (2026-05-01T09:00:00Z) or Unix seconds. Default: now.")
    var at: String?

    @Flag(name: .long, help: "Print JSON with the code, its step (or counter) and the seconds left.")
    var json = false

    @Argument(help: "An otpauth://totp/... or otpauth://hotp/... URI, or - to read it from stdin.")
    var uri: String

    func run() throws {
        // "-" keeps the secret out of the process list and shell history.
        let text = uri == "-" ? (readLine(strippingNewline: true) ?? "") : uri
        let parsed: OTPAuthURI
        do {
            parsed = try OTPAuthURI.parse(text)
        } catch let error as OTPAuthURIError {
            throw fail(CommandWords.text("badURI", ["error": "\(error)"]), Exit.usage)
        }
        let date = try at.map(Self.parseTime) ?? Date()
        let output: Output
        switch parsed.kind {
        case .totp:
            let totp = try parsed.totp()
            output = Output(
                type: "totp", code: totp.code(at: date), step: totp.step(at: date),
                secondsLeft: totp.secondsRemaining(at: date), counter: nil, time: Self.format(date),
                algorithm: parsed.algorithm.rawValue, digits: parsed.digits, period: parsed.period)
        case .hotp:
            let counter = parsed.counter ?? 0
            output = Output(
                type: "hotp", code: try parsed.hotp().code(counter: counter), step: nil, secondsLeft: nil,
                counter: counter, time: nil, algorithm: parsed.algorithm.rawValue, digits: parsed.digits,
                period: nil)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(Sanitizer.escapeJSON(String(decoding: try encoder.encode(output), as: UTF8.self)))
        } else {
            print(output.code)
        }
    }

    /// What `--json` prints; absent fields are left out.
    struct Output: Encodable {
        var type: String
        var code: String
        var step: UInt64?
        var secondsLeft: Int?
        var counter: UInt64?
        var time: String?
        var algorithm: String
        var digits: Int
        var period: Int?
    }

    /// Unix seconds (whole or fractional, not negative) or an ISO 8601 instant with a zone.
    static func parseTime(_ text: String) throws -> Date {
        do {
            return try TimeValue.instant(text, unixSeconds: true)
        } catch {
            throw fail(
                "--at \(error): use ISO 8601 (2026-05-01T09:00:00Z) or Unix seconds, 1970 to 9999", Exit.usage
            )
        }
    }

    static func format(_ date: Date) -> String { ISO8601.string(from: date) }
}
