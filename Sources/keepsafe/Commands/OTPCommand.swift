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
        abstract: CommandWords.text("abstract.otp"),
        discussion: CommandWords.text("discussion.otp")
    )

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.otp.at")))
    var at: String?

    @Flag(name: .long, help: ArgumentHelp(CommandWords.text("help.otp.json")))
    var json = false

    @Argument(help: ArgumentHelp(CommandWords.text("help.otp.uri")))
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
            throw fail(CommandWords.text("badAt", ["error": "\(error)"]), Exit.usage)
        }
    }

    static func format(_ date: Date) -> String { ISO8601.string(from: date) }
}
