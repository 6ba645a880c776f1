import ArgumentParser

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Check or export the store."
    )

    func run() throws {
        throw fail("'store' is not available in this build yet", Exit.usage)
    }
}
