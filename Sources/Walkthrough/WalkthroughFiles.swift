import KeepsafeAssets
import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Finding and reading walkthrough files: on disk, or the copy of `assets/walkthroughs`
/// compiled into keepsafe (paths under `bundledRoot`), and the expansion of folders
/// given on the command line.
public enum WalkthroughFiles {
    /// The file extension of walkthrough scripts.
    public static let fileExtension = "walk"

    /// The folder name that stands for the walkthroughs built into keepsafe:
    /// `bundled:/walkthroughs/f3-enroll-totp.walk` reads the embedded copy of
    /// `assets/walkthroughs/f3-enroll-totp.walk`, and its includes and snapshots
    /// resolve inside the same copy.
    public static let bundledRoot = "bundled:/walkthroughs"

    /// The bundled `.walk` files (not the `lib/` fragments), as `bundled:` paths, sorted.
    public static var bundled: [String] {
        EmbeddedAssets.paths.filter {
            $0.hasPrefix("walkthroughs/") && $0.hasSuffix("." + fileExtension)
                && !$0.dropFirst("walkthroughs/".count).contains("/")
        }.sorted().map { "bundled:/" + $0 }
    }

    /// The text of the walkthrough, fragment or snapshot at `path`, from the bundled
    /// copy for `bundled:` paths and from disk otherwise; `nil` when there is none.
    public static func read(_ path: String) -> String? {
        if path.hasPrefix("bundled:/") {
            // Standardised as an absolute path, so `lib/../x` cannot climb out of the copy.
            return EmbeddedAssets.text(
                String(Path.standardized(String(path.dropFirst("bundled:".count))).dropFirst()))
        }
        return FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `paths` with every folder replaced by the `.walk` files directly inside it, sorted.
    /// A name of a bundled walkthrough (`f3-enroll-totp` or `f3-enroll-totp.walk`) that is
    /// not a file here stands for the bundled copy; `bundled` alone for all of them.
    /// - Throws: `ScriptError.unreadable` for a path that does not exist.
    public static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                if path == "bundled" || path == bundledRoot {
                    files += bundled
                } else if let match = bundledMatch(path) {
                    files.append(match)
                } else if path.hasPrefix("bundled:/"), read(path) != nil {
                    files.append(path)
                } else {
                    throw ScriptError.unreadable(file: path)
                }
                continue
            }
            if isDirectory {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix("." + fileExtension) }.sorted().map {
                    Path.join(path, $0)
                }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// The bundled walkthrough named `name` (with or without `.walk`), if there is one.
    private static func bundledMatch(_ name: String) -> String? {
        guard !name.contains("/") else { return nil }
        let file = name.hasSuffix("." + fileExtension) ? name : name + "." + fileExtension
        let path = bundledRoot + "/" + file
        return bundled.contains(path) ? path : nil
    }

    /// Where the golden snapshots of the walkthrough at `path` live: `snapshots/` beside it.
    public static func snapshotDirectory(for path: String) -> String {
        Path.join(Path.parent(path), "snapshots")
    }
}
