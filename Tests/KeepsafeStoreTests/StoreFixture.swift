import Foundation
import KeepsafeStore
import TestSupport

/// A fresh store directory for one test, and helpers to look at its files.
struct StoreFixture {
    let directory: TemporaryDirectory
    /// The store itself, `directory/store` (made by the first `open`).
    var path: String { directory.path + "/store" }

    init() throws {
        directory = try TemporaryDirectory(prefix: "keepsafe-store")
    }

    func open() throws -> FileStore {
        try FileStore(path: path, initialPolicy: .testing())
    }

    func file(_ relative: String) -> String { path + "/" + relative }

    func bytes(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: file(relative)))
    }

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(relative)))
    }

    /// Every regular file below the store, relative paths, sorted.
    func allFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file(name), isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.append(name)
            }
        }
        return files.sorted()
    }

    /// Every directory below the store (and the store), relative paths, sorted.
    func allDirectories() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var directories: [String] = [""]
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file(name), isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                directories.append(name)
            }
        }
        return directories.sorted()
    }

    /// Permission bits of `relative` (`""` for the store directory).
    func mode(_ relative: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(
            atPath: relative.isEmpty ? path : file(relative))
        return (attributes[.posixPermissions] as? Int) ?? -1
    }

    func remove() { directory.remove() }
}

/// The test-only executable that plays the other processes.
enum Torture {
    static var path: String { BuiltProducts.directory.appendingPathComponent("keepsafe-store-torture").path }
}
