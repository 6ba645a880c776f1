import QRCode
import Testing

@Suite("QRCode smoke")
struct SmokeTests {
    @Test func encodesHello() throws {
        let code = try QRCode.encode(text: "HELLO WORLD", errorCorrection: .quartile)
        #expect(code.version == 1)
    }
}
