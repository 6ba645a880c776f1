import Foundation
import Testing

@testable import OneTimePassword

@Suite("RFC 4226 and RFC 6238 test vectors")
struct RFCVectorTests {
    /// RFC 4226 Appendix D: the secret "12345678901234567890", counters 0...9.
    static let hotpSecret = Array("12345678901234567890".utf8)
    static let hotpTruncated: [UInt32] = [
        1_284_755_224, 1_094_287_082, 137_359_152, 1_726_969_429, 1_640_338_314,
        868_254_676, 1_918_287_922, 82_162_583, 673_399_871, 645_520_489,
    ]
    static let hotpCodes = [
        "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489",
    ]

    @Test("HOTP codes for counters 0...9", arguments: 0..<10)
    func hotpCode(counter: Int) throws {
        let hotp = try HOTP(secret: Self.hotpSecret)
        #expect(hotp.code(counter: UInt64(counter)) == Self.hotpCodes[counter])
    }

    @Test("HOTP dynamic truncation values for counters 0...9", arguments: 0..<10)
    func hotpTruncation(counter: Int) throws {
        let hotp = try HOTP(secret: Self.hotpSecret)
        let value = HOTP.truncatedValue(
            secretKey: .init(data: Self.hotpSecret), algorithm: hotp.algorithm, counter: UInt64(counter))
        #expect(value == Self.hotpTruncated[counter])
    }

    /// RFC 6238 Appendix B: the seed for each hash is "1234567890" repeated to the hash's size.
    static func seed(_ algorithm: HashAlgorithm) -> [UInt8] {
        let length = [HashAlgorithm.sha1: 20, .sha256: 32, .sha512: 64][algorithm] ?? 0
        return Array(String(repeating: "1234567890", count: 7).utf8.prefix(length))
    }

    struct Vector: Sendable, CustomTestStringConvertible {
        var time: Int64
        var algorithm: HashAlgorithm
        var step: UInt64
        var code: String
        var testDescription: String { "T=\(time) \(algorithm.rawValue)" }
    }

    static let totpVectors: [Vector] = {
        let table: [(Int64, UInt64, String, String, String)] = [
            (59, 0x1, "94287082", "46119246", "90693936"),
            (1_111_111_109, 0x23523EC, "07081804", "68084774", "25091201"),
            (1_111_111_111, 0x23523ED, "14050471", "67062674", "99943326"),
            (1_234_567_890, 0x273EF07, "89005924", "91819424", "93441116"),
            (2_000_000_000, 0x3F940AA, "69279037", "90698825", "38618901"),
            (20_000_000_000, 0x27BC_86AA, "65353130", "77737706", "47863826"),
        ]
        return table.flatMap { time, step, sha1, sha256, sha512 in
            [
                Vector(time: time, algorithm: .sha1, step: step, code: sha1),
                Vector(time: time, algorithm: .sha256, step: step, code: sha256),
                Vector(time: time, algorithm: .sha512, step: step, code: sha512),
            ]
        }
    }()

    @Test("TOTP codes, 8 digits, 30 s", arguments: totpVectors)
    func totpCode(vector: Vector) throws {
        let totp = try TOTP(secret: Self.seed(vector.algorithm), algorithm: vector.algorithm, digits: 8)
        let date = Date(timeIntervalSince1970: TimeInterval(vector.time))
        #expect(totp.step(at: date) == vector.step)
        #expect(totp.code(at: date) == vector.code)
        #expect(totp.code(step: vector.step) == vector.code)
        #expect(totp.verify(vector.code, at: date) == .accepted(step: vector.step, offset: 0))
    }

    @Test("the 6- and 7-digit codes are the 8-digit code's low digits", arguments: totpVectors)
    func shorterCodes(vector: Vector) throws {
        let date = Date(timeIntervalSince1970: TimeInterval(vector.time))
        for digits in [6, 7] {
            let totp = try TOTP(
                secret: Self.seed(vector.algorithm), algorithm: vector.algorithm, digits: digits)
            #expect(totp.code(at: date) == String(vector.code.suffix(digits)))
        }
    }
}
