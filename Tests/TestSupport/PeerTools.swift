import Foundation

/// Peer tools (oathtool, qrencode, zxing-cpp, tmux, ...) that interoperability tests use.
///
/// Without `KEEPSAFE_REQUIRE_INTEROP=1` a test whose tool is missing is skipped with a
/// one-line reason naming the tool; with it, the test runs and fails, so CI cannot pass
/// by silently skipping.
public enum PeerTools {
    /// Whether the environment demands that every interoperability test runs.
    public static var interopRequired: Bool {
        ProcessInfo.processInfo.environment["KEEPSAFE_REQUIRE_INTEROP"] == "1"
    }

    /// Full path of an executable on `PATH`, or `nil`.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether `python3 -c "import MODULE"` succeeds.
    public static func hasPythonModule(_ module: String) -> Bool {
        guard let python = which("python3") else { return false }
        let result = try? Subprocess.run(python, ["-c", "import \(module)"])
        return result?.status == 0
    }

    /// The missing ones among `tools` (executables) and `pythonModules`.
    public static func missing(tools: [String], pythonModules: [String] = []) -> [String] {
        tools.filter { which($0) == nil }
            + pythonModules.filter { !hasPythonModule($0) }.map { "python module \($0)" }
    }

    /// Whether a test needing these tools should run: always under
    /// `KEEPSAFE_REQUIRE_INTEROP=1` (a missing tool then fails the test), else only when
    /// everything is installed.
    public static func shouldRun(tools: [String], pythonModules: [String] = []) -> Bool {
        interopRequired || missing(tools: tools, pythonModules: pythonModules).isEmpty
    }

    /// The skip reason: "needs oathtool, python module pyotp (not installed)".
    public static func skipReason(tools: [String], pythonModules: [String] = []) -> String {
        let absent = missing(tools: tools, pythonModules: pythonModules)
        return "needs \(absent.joined(separator: ", ")) (not installed)"
    }
}
