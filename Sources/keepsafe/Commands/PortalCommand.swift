import ArgumentParser

/// The portal itself (the default subcommand).
struct PortalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "Open the portal in the terminal (the default)."
    )

    func run() throws {
        print(
            """
            keepsafe \(Keepsafe.version): the interactive portal is not in this build yet.
            Available now: keepsafe --help lists the commands.
            """)
    }
}
