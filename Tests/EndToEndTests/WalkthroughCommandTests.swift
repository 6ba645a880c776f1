import Foundation
import KeepsafeStore
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `keepsafe walkthrough` run as a program: exit codes, failure reports, JUnit,
/// recordings, and many files against one store.
@Suite("keepsafe walkthrough")
struct WalkthroughCommandTests {
    static let assets: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("assets/walkthroughs")
        .path

    static func asset(_ name: String) -> String { (assets as NSString).appendingPathComponent(name) }

    @Test("a passing walkthrough: exit 0, PASS, a JUnit report and an asciicast")
    func passes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try BuiltProducts.runKeepsafe([
            "walkthrough", Self.asset("f3-enroll-totp.walk"), "--junit", folder.file("report.xml"),
            "--record",
            folder.file("casts"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("PASS"))
        #expect(result.stdout.contains("1 passed, 0 failed"))
        let xml = try XMLDocument(contentsOf: URL(fileURLWithPath: folder.file("report.xml")))
        #expect(xml.rootElement()?.attribute(forName: "tests")?.stringValue == "1")
        #expect(xml.rootElement()?.attribute(forName: "failures")?.stringValue == "0")
        let cast = try String(contentsOfFile: folder.file("casts/f3-enroll-totp.cast"), encoding: .utf8)
        let lines = cast.split(separator: "\n")
        let header = try #require(
            try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 80)
        #expect(header["height"] as? Int == 24)
        #expect(header["title"] as? String == "f3-enroll-totp.walk")
        #expect(lines.count > 5)
        let event = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [Any])
        #expect(event[1] as? String == "o")
        #expect((event[2] as? String)?.contains("Log in") == true)
    }

    @Test("a failing step: exit 1, FILE:LINE, the reason and the screen; JUnit has the failure")
    func fails() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let script = folder.file("broken.walk")
        try "size 80x24\nexpect \"Log in\"\nexpect \"Nothing like this\"\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        let result = try BuiltProducts.runKeepsafe(["walkthrough", script, "--junit", folder.file("r.xml")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(script):3: step failed: expected to see \"Nothing like this\""))
        #expect(result.stderr.contains("| Welcome to Northwind Partner Portal."))
        #expect(result.stdout.contains("0 passed, 1 failed"))
        let xml = try XMLDocument(contentsOf: URL(fileURLWithPath: folder.file("r.xml")))
        #expect(xml.rootElement()?.attribute(forName: "failures")?.stringValue == "1")
    }

    @Test("a bad script or a missing file: exit 2 with one line naming it")
    func badInput() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let script = folder.file("typo.walk")
        try "size 80x24\npres \"Log in\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        let typo = try BuiltProducts.runKeepsafe(["walkthrough", script])
        #expect(typo.status == 2)
        #expect(typo.stderr.hasPrefix("keepsafe: \(script):2: unknown verb 'pres'"))
        #expect(typo.stderr.split(separator: "\n").count == 1)
        let missing = try BuiltProducts.runKeepsafe(["walkthrough", folder.file("absent.walk")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("absent.walk"))
    }

    @Test("16 walkthroughs in parallel against one --store: all pass, the store checks clean")
    func sixteenOnOneStore() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.assets)
            .filter { $0.hasSuffix(".walk") }.sorted().suffix(16).map(Self.asset)
        try #require(files.count == 16)
        let store = folder.file("store")
        let result = try BuiltProducts.runKeepsafe(["walkthrough", "--store", store] + files)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("16 passed, 0 failed"))
        let problems = try StoreCheck(store: try FileStore(path: store, createIfMissing: false)).run()
        #expect(problems.isEmpty, "\(problems)")
        let policy = try FileStore(path: store, createIfMissing: false).policy()
        #expect(policy.password.iterations == Policy.testing().password.iterations)
    }

    @Test("a typo in a key fails before anything runs: exit 2, one line with the nearest key")
    func keyTypoAtParse() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("typo.walk")
        _ = FileManager.default.createFile(atPath: file, contents: Data("expect \"Log in\"\nkey Tabb\n".utf8))
        let result = try BuiltProducts.runKeepsafe(["walkthrough", file])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(
            result.stderr.contains("\(file):2: unknown key 'Tabb' (did you mean 'Tab'?)"), "\(result.stderr)")
        #expect(result.stderr.contains("PageUp") && result.stderr.contains("PageDown"))
    }

    @Test("a failure on the last step: 'step N of N failed', and the kept store path has no '//'")
    func lastStepFailure() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("last.walk")
        _ = FileManager.default.createFile(
            atPath: file, contents: Data("expect \"Log in\"\nexpect \"not on this screen\"\n".utf8))
        let result = try BuiltProducts.runKeepsafe(
            ["walkthrough", file], environment: ["TMPDIR": folder.path + "/"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL \(file) (step 2 of 2 failed"), "\(result.stdout)")
        #expect(!result.stdout.contains("2/2"))
        let kept = try #require(result.stderr.split(separator: "\n").first { $0.contains("store kept at ") })
        #expect(!kept.contains("//"), "\(kept)")
        #expect(kept.contains(folder.path + "/keepsafe-walkthrough-"), "\(kept)")
    }

    @Test("the bundled walkthroughs run by name, from any folder")
    func bundledByName() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try Subprocess.run(
            BuiltProducts.keepsafe, ["walkthrough", "readme-demo", "f1-signup.walk"],
            currentDirectory: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("PASS bundled:/walkthroughs/readme-demo.walk"))
        #expect(result.stdout.contains("2 passed, 0 failed"))
    }
}
