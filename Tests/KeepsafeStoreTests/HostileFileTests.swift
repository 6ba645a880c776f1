import Foundation
import Testing

@testable import KeepsafeStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What another process or a careless hand can put where a document belongs: a FIFO,
/// a huge file, repeated JSON names. Each is a named error, never a hang or a guess.
@Suite("FileStore: hostile files")
struct HostileFileTests {
    /// Runs `body` on another thread and fails the test if it takes longer than 10 s
    /// (a FIFO opened for reading without O_NONBLOCK would wait forever).
    private func withinTenSeconds(_ what: String, _ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            body()
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 10) == .success, "\(what) hung")
    }

    @Test("a FIFO where a document belongs is a named error for reads, lists and store check")
    func fifo() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Fixtures.account())
        #expect(mkfifo(fixture.file("accounts/x@example.com.json"), 0o600) == 0)
        let path = fixture.file("accounts/x@example.com.json")
        withinTenSeconds("read") {
            #expect(throws: StoreError.notRegularFile(path: path)) {
                try store.read(Account.self, key: "x@example.com")
            }
        }
        withinTenSeconds("list") {
            #expect(throws: StoreError.notRegularFile(path: path)) { try store.list(Account.self) }
        }
        withinTenSeconds("check") {
            let problems = (try? StoreCheck(store: store).run()) ?? []
            #expect(problems.contains { $0.file == "accounts/x@example.com.json" })
        }
        // The other records still work.
        #expect(try store.read(Account.self, key: "alice@example.com") != nil)
    }

    @Test("repeated names in a document are corruption, wherever they are")
    func duplicateNames() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Fixtures.account())
        let name = "accounts/alice@example.com.json"
        let text = String(decoding: try fixture.bytes(name), as: UTF8.self)
        // The second "displayName" would win in Python and jq, the first in Foundation.
        let doubled = text.replacingOccurrences(
            of: "\"displayName\"", with: "\"displayName\" : \"Mallory\", \"displayName\"")
        try fixture.write(name, doubled)
        let error = try #require(throws: StoreError.self) {
            try store.read(Account.self, key: "alice@example.com")
        }
        #expect(error.description.contains("\"displayName\" appears twice"))
        let problems = try StoreCheck(store: store).run()
        #expect(problems.contains { $0.file == name && $0.reason.contains("appears twice") })
        // Policy too.
        try fixture.write(
            "policy.json", #"{"schemaVersion": 1, "login": {"lockAfter": 3, "lockAfter": 1000000}}"#)
        #expect(throws: StoreError.self) { try store.policy() }
    }

    @Test("a document over 1 MiB on disk is refused on read and reported by store check")
    func hugeDocument() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Fixtures.account())
        let name = "accounts/alice@example.com.json"
        var big = try fixture.bytes(name)
        big.append(Data(repeating: 0x20, count: StoreTransaction.maximumDocumentBytes))
        try big.write(to: URL(fileURLWithPath: fixture.file(name)))
        #expect(throws: StoreError.tooLarge(file: fixture.file(name), bytes: big.count, limit: 1 << 20)) {
            try store.read(Account.self, key: "alice@example.com")
        }
        #expect(
            try StoreCheck(store: store).run().contains { $0.file == name && $0.reason.contains("larger") })
    }

    @Test("a symbolic link where a document belongs is not followed")
    func linkedDocument() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        try store.create(Fixtures.account())
        let target = fixture.directory.path + "/outside.json"
        try fixture.bytes("accounts/alice@example.com.json").write(to: URL(fileURLWithPath: target))
        #expect(symlink(target, fixture.file("accounts/bob@example.com.json")) == 0)
        #expect(throws: StoreError.self) { try store.read(Account.self, key: "bob@example.com") }
    }
}

@Suite("Strict JSON")
struct StrictJSONTests {
    @Test(
        "valid texts pass",
        arguments: [
            "{}", "[]", "0", "-0.5e+3", "\"a\\u00e9\\ud83d\\ude00\"",
            "{\"a\":{\"a\":1},\"b\":[{\"a\":2},{\"a\":3}]}",
            " true ", "null", "[false, \"x\\\\y\\/z\\n\"]",
        ])
    func valid(text: String) throws {
        try StrictJSON.validate(Data(text.utf8))
    }

    @Test(
        "invalid texts and repeated names fail",
        arguments: [
            "", "{", "{\"a\":1,}", "[1,]", "01", "1.", "-", "\"\\x\"", "\"\u{01}\"", "{\"a\":1,\"a\":2}",
            "{\"a\":1,\"\\u0061\":2}", "\"\\ud800\"", "nul", "{} {}", "[1 2]", "{\"a\" 1}", "NaN", "7E577",
            "-1e400",
        ])
    func invalid(text: String) {
        #expect(throws: StrictJSON.Problem.self) { try StrictJSON.validate(Data(text.utf8)) }
    }

    @Test("nesting deeper than the limit is refused, not a stack overflow")
    func deep() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: StrictJSON.Problem.tooDeep) { try StrictJSON.validate(Data(text.utf8)) }
    }

    @Test("agrees with JSONSerialization on what is JSON, for documents without repeated names")
    func agreesWithFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("{}[]\":,0123456789-.eE truefalsn\\u".utf8)
        for _ in 0..<3000 {
            let length = Int.random(in: 0..<14, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            let data = Data(bytes)
            let ours = (try? StrictJSON.validate(data)) != nil
            let theirs = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil
            // Foundation accepts repeated names; ours refuses them. Everything else agrees.
            if ours { #expect(theirs, "\(String(decoding: bytes, as: UTF8.self))") }
        }
    }
}

@Suite("Journal records")
struct JournalRecordTests {
    private func sample() throws -> JournalRecord {
        JournalRecord(
            auditOffset: 1234,
            operations: [
                .put(
                    try DocumentPath(collection: "accounts", key: "a@example.com"), Data("{\"x\":1}\n".utf8)),
                .delete(try DocumentPath(collection: "outbox/sms", key: "m1")),
                .policy(Data("{}".utf8)),
                .audit(Data("{\"event\":\"x\"}\n".utf8)),
            ])
    }

    @Test("records round-trip, several in a row")
    func roundTrip() throws {
        let record = try sample()
        let bytes = record.encoded(generation: 7) + record.encoded(generation: 7)
        let (records, valid) = JournalRecord.decodeAll(bytes, generation: 7)
        #expect(records == [record, record])
        #expect(valid == bytes.count)
    }

    @Test("a torn tail, a flipped bit or another generation ends the journal there")
    func damage() throws {
        let one = try sample().encoded(generation: 7)
        for cut in [1, 4, 15, 16, one.count - 1] {
            let bytes = one + one.prefix(cut)
            let (records, valid) = JournalRecord.decodeAll(bytes, generation: 7)
            #expect(records.count == 1, "cut \(cut)")
            #expect(valid == one.count)
        }
        for index in stride(from: 0, to: one.count, by: 7) {
            var flipped = one
            flipped[index] ^= 0x10
            #expect(
                JournalRecord.decodeAll(one + flipped, generation: 7).records.count == 1, "bit at \(index)")
        }
        #expect(
            JournalRecord.decodeAll(one + (try sample().encoded(generation: 6)), generation: 7).records.count
                == 1)
        #expect(JournalRecord.decodeAll(Data(count: 64), generation: 7).records.isEmpty)
    }

    @Test("a path that leaves the store is not a record")
    func hostilePath() throws {
        var payload = Data()
        payload.appendInteger(UInt64(0))
        payload.appendInteger(UInt32(1))
        payload.append(1)
        let path = "../../etc/x.json"
        payload.appendInteger(UInt16(path.utf8.count))
        payload.append(contentsOf: path.utf8)
        payload.appendInteger(UInt32(1))
        payload.append(0x41)
        var crcInput = Data()
        crcInput.appendInteger(UInt32(1))
        crcInput.append(payload)
        var record = Data("KSTX".utf8)
        record.appendInteger(UInt32(1))
        record.appendInteger(UInt32(payload.count))
        record.appendInteger(CRC32.checksum(crcInput))
        record.append(payload)
        #expect(JournalRecord.decodeAll(record, generation: 1).records.isEmpty)
    }

    @Test("CRC-32 of the standard check input is CBF43926")
    func crc() {
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
    }
}
