import Foundation
import KeepsafeAssets
import Testing

/// The texts compiled into the binary are exactly the files under `assets/`: editing a
/// file without running `scripts/embed-assets.py` fails here.
@Suite("embedded assets")
struct EmbeddedAssetsTests {
    /// `assets/`, found from this file's place in the repository.
    static let assets: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assets")

    /// The files keepsafe ships: the four data files and everything under walkthroughs/.
    static let shipped: [String] = {
        var paths = ["strings.json", "brand.json", "countries.json", "common-passwords.txt"]
        let walkthroughs = assets.appendingPathComponent("walkthroughs")
        let walker = FileManager.default.enumerator(atPath: walkthroughs.path)
        var found: [String] = []
        while let relative = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = walkthroughs.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                found.append("walkthroughs/" + relative)
            }
        }
        paths += found.sorted()
        return paths
    }()

    @Test("every shipped file is embedded, and nothing else")
    func sameSetOfFiles() {
        #expect(Self.shipped.count > 40, "found \(Self.shipped.count) files under \(Self.assets.path)")
        #expect(Set(EmbeddedAssets.paths) == Set(Self.shipped), "run python3 scripts/embed-assets.py")
        #expect(EmbeddedAssets.paths.count == Set(EmbeddedAssets.paths).count, "no path twice")
    }

    @Test("each embedded text equals its file byte for byte", arguments: shipped)
    func sameText(path: String) throws {
        let data = try Data(contentsOf: Self.assets.appendingPathComponent(path))
        let embedded = try #require(EmbeddedAssets.text(path), "\(path) is not embedded")
        #expect(Array(embedded.utf8) == Array(data), "\(path) differs: run python3 scripts/embed-assets.py")
    }

    @Test("an unknown path has no text")
    func unknownPath() {
        #expect(EmbeddedAssets.text("walkthroughs/no-such.walk") == nil)
        #expect(EmbeddedAssets.text("") == nil)
    }
}
