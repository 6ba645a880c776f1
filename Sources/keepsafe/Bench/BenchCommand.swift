import ArgumentParser

/// `keepsafe bench ...`: performance figures, to be run from a release build.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Print performance figures (build with -c release).",
        subcommands: [BenchOTP.self, BenchQR.self, BenchStore.self, BenchFlow.self, BenchStartup.self]
    )
}
