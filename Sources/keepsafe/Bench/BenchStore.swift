import ArgumentParser

struct BenchStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Benchmark store."
    )

    func run() throws {
        throw fail("'bench store' is not available in this build yet", Exit.usage)
    }
}
