import ArgumentParser

struct QRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Print a QR code for TEXT."
    )

    func run() throws {
        throw fail("'qr' is not available in this build yet", Exit.usage)
    }
}
