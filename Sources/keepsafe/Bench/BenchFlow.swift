import ArgumentParser

struct BenchFlow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flow",
        abstract: "Benchmark flow."
    )

    func run() throws {
        throw fail("'bench flow' is not available in this build yet", Exit.usage)
    }
}
