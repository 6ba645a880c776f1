import ArgumentParser

struct OTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "otp",
        abstract: "Print the one-time password for an otpauth URI."
    )

    func run() throws {
        throw fail("'otp' is not available in this build yet", Exit.usage)
    }
}
