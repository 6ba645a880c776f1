import Foundation

/// Where SwiftPM put the built products (the `keepsafe` executable) for this test run.
public enum BuiltProducts {
    /// The directory holding the test bundle and the executables.
    public static var directory: URL {
        // On Linux the test runner is `<products>/keepsafePackageTests.xctest`.
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidate = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("keepsafe").path)
            {
                return candidate
            }
            candidate = candidate.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    /// The `keepsafe` executable built for this test run.
    public static var keepsafe: String { directory.appendingPathComponent("keepsafe").path }

    /// Runs the built `keepsafe` with `arguments`.
    public static func runKeepsafe(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) throws -> Subprocess.Result {
        try Subprocess.run(
            keepsafe, arguments, stdin: stdin, environment: environment, currentDirectory: currentDirectory)
    }
}
