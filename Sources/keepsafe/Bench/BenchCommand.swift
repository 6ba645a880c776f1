import ArgumentParser

/// `keepsafe bench ...`: performance figures, to be run from a release build.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: CommandWords.text("abstract.bench"),
        subcommands: [BenchOTP.self, BenchQR.self, BenchStore.self, BenchFlow.self, BenchStartup.self]
    )
}
