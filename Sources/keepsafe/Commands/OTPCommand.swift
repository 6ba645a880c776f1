import ArgumentParser
import KeepsafeBase
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
            throw fail("bad URI: \(error)", Exit.usage)
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
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
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
        let trimmed = text.trimmingWhitespace
        if let seconds = Double(trimmed), trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            return Date(timeIntervalSince1970: seconds)
        }
        if let date = ISO8601.parse(trimmed) { return date }
        let shown = String(
            text.unicodeScalars.map {
                $0.isASCII && $0.value >= 0x20 && $0.value < 0x7f ? Character($0) : "?"
            })
        throw fail(
            "--at '\(shown.prefix(64))': use ISO 8601 (2026-05-01T09:00:00Z) or Unix seconds", Exit.usage)
    }

    static func format(_ date: Date) -> String { ISO8601.string(from: date) }
}
