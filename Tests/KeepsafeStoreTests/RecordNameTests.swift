import KeepsafeStore
import Testing

@Suite("Record file names")
struct RecordNameTests {
    @Test(
        "keys map to safe file names and back",
        arguments: [
            ("alice@example.com", "alice@example.com.json"),
            ("a/b", "a%2Fb.json"),
            ("Bob%20", "%42ob%2520.json"),
            (".hidden", "%2Ehidden.json"),
            ("x..y", "x..y.json"),
            ("zoë", "zo%C3%AB.json"),
        ])
    func encoding(key: String, name: String) throws {
        #expect(try RecordName.fileName(forKey: key) == name)
        #expect(RecordName.key(forFileName: name) == key)
    }

    @Test(
        "names the store does not write decode to nil",
        arguments: [".tmp-123", "a.txt", "a%2f.json", "%4.json", "A.json", "%61.json"])
    func foreignNames(name: String) {
        #expect(RecordName.key(forFileName: name) == nil)
    }

    @Test("an over-long key is refused")
    func tooLong() {
        #expect(throws: StoreError.self) {
            try RecordName.fileName(forKey: String(repeating: "é", count: 60))
        }
        #expect(throws: Never.self) { try RecordName.fileName(forKey: String(repeating: "a", count: 250)) }
    }

    @Test("collections are relative paths of plain folder names")
    func collections() {
        for valid in ["accounts", "outbox/sms", "phone/authenticator"] {
            #expect(throws: Never.self) { try RecordName.validateCollection(valid) }
        }
        for invalid in ["", "/abs", "a//b", "../up", "a/..", ".locks", "Caps", "a b"] {
            #expect(throws: StoreError.invalidCollection(invalid)) {
                try RecordName.validateCollection(invalid)
            }
        }
    }
}
