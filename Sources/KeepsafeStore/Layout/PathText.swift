/// Path arithmetic on plain strings, for every path form a user types (`p`, `./p`,
/// `/abs/p`, `p/`, `p//q`).
///
/// Foundation's `NSString` path methods trap on some one-character paths on Linux
/// (`("p" as NSString).deletingLastPathComponent`), so the store and the tools that name
/// files use these instead.
public enum PathText {
    /// The folder holding `path`: `"a/b"` → `"a"`, `"b"` → `"."`, `"/b"` → `"/"`,
    /// `"a/b/"` → `"a"`, `"/"` → `"/"`.
    public static func parent(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let head = trimmingTrailingSlashes(String(trimmed[..<slash]))
        return head.isEmpty ? "/" : head
    }

    /// The last component: `"a/b"` → `"b"`, `"a/b/"` → `"b"`, `"/"` → `"/"`.
    public static func lastComponent(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard trimmed != "/" else { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `folder/name`, with exactly one slash between them.
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        if name.hasPrefix("/") { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// `path` without trailing slashes; `"/"` (or only slashes) stays `"/"`, `""` stays `""`.
    public static func trimmingTrailingSlashes(_ path: String) -> String {
        var result = Substring(path)
        while result.count > 1, result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}
