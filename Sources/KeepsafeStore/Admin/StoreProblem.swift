/// One thing `keepsafe store check` found wrong, with the file it is about.
public struct StoreProblem: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The file or folder at fault, relative to the store (`""` for the store itself).
    public var file: String
    /// What is wrong and, where it helps, what to do about it.
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { (file.isEmpty ? "." : file) + ": " + reason }
}
