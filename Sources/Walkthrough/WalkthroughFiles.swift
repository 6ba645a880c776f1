import Foundation
import KeepsafeStore

/// Finding walkthrough files: the folder of `.walk` files shipped in `assets/`, and the
/// expansion of folders given on the command line.
public enum WalkthroughFiles {
    /// The file extension of walkthrough scripts.
    public static let fileExtension = "walk"

    /// The bundled copy of `assets/walkthroughs` (scripts and `snapshots/`).
    public static var bundledDirectory: String? {
        Bundle.module.url(forResource: "walkthroughs", withExtension: nil)?.path
    }

    /// `paths` with every folder replaced by the `.walk` files directly inside it, sorted.
    /// - Throws: `ScriptError.unreadable` for a path that does not exist.
    public static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ScriptError.unreadable(file: path)
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix("." + fileExtension) }.sorted().map {
                    PathText.join(path, $0)
                }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Where the golden snapshots of the walkthrough at `path` live: `snapshots/` beside it.
    public static func snapshotDirectory(for path: String) -> String {
        PathText.join(PathText.parent(path), "snapshots")
    }
}
