import ArgumentParser

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "List and administer accounts."
    )

    func run() throws {
        throw fail("'users' is not available in this build yet", Exit.usage)
    }
}
