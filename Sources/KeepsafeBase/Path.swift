#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Slash-separated path arithmetic on plain strings (what `NSString`'s path methods did),
/// and the few folders keepsafe needs.
///
///     Path.join("/tmp/", "store")          // "/tmp/store"
///     Path.parent("/a/b/c.walk")           // "/a/b"
///     Path.stem("/a/b/c.walk")             // "c"
public enum Path {
    /// `base` and `component` with exactly one slash between them; an absolute
    /// `component` is returned as is.
    public static func join(_ base: String, _ component: String) -> String {
        if component.hasPrefix("/") || base.isEmpty { return component }
        if component.isEmpty { return base }
        var trimmed = Substring(base)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed == "/" ? "/" + component : trimmed + "/" + component
    }

    /// The working folder, or nil when it cannot be read (removed, say).
    public static var currentDirectory: String? {
        guard let pointer = getcwd(nil, 0) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The folder holding `path` (`"."`-free: `""` for a bare name, `"/"` for the root).
    public static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// The last component of `path`.
    public static func lastComponent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/"), trimmed != "/" else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The last component without its extension (`"c"` for `/a/c.walk`; a leading dot
    /// is not an extension).
    public static func stem(_ path: String) -> String {
        let name = lastComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The temporary folder: `$TMPDIR` (without a trailing slash), else `/tmp`.
    public static var temporaryDirectory: String {
        guard let value = environment("TMPDIR"), !value.isEmpty else { return "/tmp" }
        var trimmed = Substring(value)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// `$HOME`, else the home folder in the password database, else `/`.
    public static var homeDirectory: String {
        if let home = environment("HOME"), !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir {
            return String(cString: directory)
        }
        return "/"
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

extension Path {
    /// `path` with a leading `~` or `~/` replaced by the home folder.
    public static func expandingTilde(_ path: String) -> String {
        if path == "~" { return homeDirectory }
        guard path.hasPrefix("~/") else { return path }
        return join(homeDirectory, String(path.dropFirst(2)))
    }

    /// `path` with the tilde expanded, repeated slashes and `.` removed, `..` resolved
    /// against the components before it (in absolute paths) and no trailing slash. The
    /// same folder written two ways gives one text.
    public static func standardized(_ path: String) -> String {
        let expanded = expandingTilde(path)
        let absolute = expanded.hasPrefix("/")
        var parts: [Substring] = []
        for part in expanded.split(separator: "/") where part != "." {
            if part == "..", absolute {
                _ = parts.popLast()
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
