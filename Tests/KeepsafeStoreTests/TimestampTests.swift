import Foundation
import KeepsafeStore
import Testing

@Suite("Record coding: timestamps")
struct TimestampTests {
    private struct Stamped: Codable, Equatable {
        var at: Date
    }

    private func text(_ date: Date) throws -> String {
        let data = try RecordCoder.makeEncoder().encode(Stamped(at: date))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(object["at"] as? String)
    }

    @Test("whole seconds are written with three fractional digits in UTC")
    func wholeSeconds() throws {
        // 2026-05-01T09:00:00Z is 1_777_626_000 s after 1970.
        #expect(try text(Date(timeIntervalSince1970: 1_777_626_000)) == "2026-05-01T09:00:00.000Z")
        #expect(try text(Date(timeIntervalSince1970: 0.5)) == "1970-01-01T00:00:00.500Z")
    }

    @Test(
        "dates round-trip exactly",
        arguments: [
            0, 0.25, 817_000_000.123_456_7, 817_000_000.000_000_2, 1e9 + 1.0 / 3.0, -86_400.75,
            Date.distantFuture.timeIntervalSinceReferenceDate,
        ])
    func roundTrip(interval: Double) throws {
        let value = Stamped(at: Date(timeIntervalSinceReferenceDate: interval))
        let data = try RecordCoder.makeEncoder().encode(value)
        #expect(try RecordCoder.makeDecoder().decode(Stamped.self, from: data) == value)
    }

    @Test("random instants of this century round-trip exactly")
    func randomRoundTrip() throws {
        let encoder = RecordCoder.makeEncoder()
        let decoder = RecordCoder.makeDecoder()
        for _ in 0..<2_000 {
            let value = Stamped(at: Date(timeIntervalSinceReferenceDate: Double.random(in: -3e9...3e9)))
            #expect(try decoder.decode(Stamped.self, from: encoder.encode(value)) == value)
        }
    }

    @Test("the decoder also reads ISO 8601 instants with a zone offset")
    func offsets() throws {
        let json = Data(#"{"at":"2026-05-01T11:00:00+02:00"}"#.utf8)
        #expect(
            try RecordCoder.makeDecoder().decode(Stamped.self, from: json).at
                == Date(timeIntervalSince1970: 1_777_626_000))
    }

    @Test(
        "malformed instants are refused",
        arguments: ["2026-05-01", "2026-13-01T00:00:00Z", "2026-05-01T09:00:00", "yesterday"])
    func malformed(text: String) {
        let json = Data(#"{"at":"\#(text)"}"#.utf8)
        #expect(throws: DecodingError.self) { try RecordCoder.makeDecoder().decode(Stamped.self, from: json) }
    }
}
