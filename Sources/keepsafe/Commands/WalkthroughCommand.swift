import ArgumentParser

struct WalkthroughCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walkthrough",
        abstract: "Run walkthrough scripts headless against a store."
    )

    func run() throws {
        throw fail("'walkthrough' is not available in this build yet", Exit.usage)
    }
}
