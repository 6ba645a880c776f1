import ArgumentParser

struct PhoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phone",
        abstract: "The simulated phone: authenticator, SMS, mail and push prompts."
    )

    func run() throws {
        throw fail("'phone' is not available in this build yet", Exit.usage)
    }
}
