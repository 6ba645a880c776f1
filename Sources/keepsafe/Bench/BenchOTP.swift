import ArgumentParser

struct BenchOTP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "otp",
        abstract: "Benchmark otp."
    )

    func run() throws {
        throw fail("'bench otp' is not available in this build yet", Exit.usage)
    }
}
