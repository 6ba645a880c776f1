import ArgumentParser

struct BenchQR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Benchmark qr."
    )

    func run() throws {
        throw fail("'bench qr' is not available in this build yet", Exit.usage)
    }
}
