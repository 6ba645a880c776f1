import Foundation
import Testing

@testable import Walkthrough

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("JUnit and asciicast output")
struct ReportTests {
    static func results() -> [WalkthroughResult] {
        [
            WalkthroughResult(
                file: "walks/f1-signup.walk", stepsRun: 12, stepCount: 12, duration: 0.25, failure: nil,
                recording: nil),
            WalkthroughResult(
                file: "walks/bad<&>.walk", stepsRun: 3, stepCount: 9, duration: 0.5,
                failure: .init(
                    line: 3, step: "expect \"Done\"", reason: "expected to see \"Done\" on screen 'login'",
                    screen: ["Log in", "\u{1B}[31m <tag> & \"quotes\""]), recording: nil),
        ]
    }

    @Test("JUnit XML parses, counts failures and carries the screen")
    func junit() throws {
        let xml = JUnitReport.xml(for: Self.results(), timestamp: Date(timeIntervalSince1970: 0))
        let document = try XMLDocument(data: Data(xml.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "2")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        let cases = try document.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue } == ["f1-signup", "bad<&>"])
        let failure = try #require(cases[1].elements(forName: "failure").first)
        #expect(
            failure.attribute(forName: "message")?.stringValue?.hasPrefix("line 3: expected to see") == true)
        let body = failure.stringValue ?? ""
        #expect(body.contains("walks/bad<&>.walk:3: step failed"))
        #expect(body.contains("<tag> & \"quotes\""))
        #expect(!body.contains("\u{1B}"))
        #expect(cases[0].elements(forName: "failure").isEmpty)
    }

    @Test("asciicast v2: header, then [time, \"o\", text] events")
    func asciicast() throws {
        var cast = Asciicast(width: 80, height: 24, timestamp: 1_777_626_000, title: "totp \"demo\"")
        cast.record(frame: ["Log in", "  Email: [ ]"])
        cast.record(frame: ["Log in", "  Email: [ ]"])
        cast.pause(960)
        cast.record(frame: ["Home", "tab\there \u{1}"])
        let lines = cast.encoded().split(separator: "\n").map { Data($0.utf8) }
        #expect(lines.count == 3)
        let header = try #require(try JSONSerialization.jsonObject(with: lines[0]) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 80)
        #expect(header["height"] as? Int == 24)
        #expect(header["timestamp"] as? Int == 1_777_626_000)
        #expect(header["title"] as? String == "totp \"demo\"")
        let first = try #require(try JSONSerialization.jsonObject(with: lines[1]) as? [Any])
        let second = try #require(try JSONSerialization.jsonObject(with: lines[2]) as? [Any])
        #expect(first[1] as? String == "o")
        #expect(first[2] as? String == "\u{1B}[H\u{1B}[2JLog in\r\n  Email: [ ]")
        #expect(second[2] as? String == "\u{1B}[H\u{1B}[2JHome\r\ntab\there \u{1}")
        let times = [first[0], second[0]].compactMap { ($0 as? NSNumber)?.doubleValue }
        // Three steps of 0.6 s and a pause capped at 2 s.
        #expect(times == [0.6, 3.8])
    }
}
