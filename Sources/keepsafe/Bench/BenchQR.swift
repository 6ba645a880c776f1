import ArgumentParser
import Foundation
import QRCode

/// `keepsafe bench qr`: how fast the encoder turns an enrollment URI into a symbol.
///
///     swift build -c release && .build/release/keepsafe bench qr
struct BenchQR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Measure QR encoding speed for a typical otpauth URI.",
        discussion: """
            Encodes a fixed 82-byte otpauth URI at error correction L with the mask chosen \
            automatically, as text (modes chosen per segment) and as one byte segment (what \
            libqrencode's QRcode_encodeString8bit does), and prints encodes per second and \
            nanoseconds per encode for each. Run it from a release build.
            """
    )

    /// The fixed input: 82 bytes, the shape of a TOTP enrollment URI.
    static let uri = "otpauth://totp/ACME:al@acme.io?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME"

    @Option(name: .long, help: ArgumentHelp("Seconds to measure each case, 0.1 to 60.", valueName: "S"))
    var seconds: Double = 2

    func run() throws {
        guard (0.1...60).contains(seconds) else {
            throw fail("--seconds: \(seconds) is out of range; use 0.1 to 60", Exit.usage)
        }
        let bytes = Array(Self.uri.utf8)
        let cases: [(String, () throws -> QRCode)] = [
            (
                "text (segmented)",
                { try QRCode.encode(text: Self.uri, errorCorrection: .low, boostErrorCorrection: false) }
            ),
            (
                "one byte segment",
                { try QRCode.encode(bytes: bytes, errorCorrection: .low, boostErrorCorrection: false) }
            ),
        ]
        print("QR encode of a \(bytes.count)-byte otpauth URI, ECC L, automatic mask")
        for (name, encode) in cases {
            let sample = try encode()
            // Warm up, then measure in batches until the time is spent.
            for _ in 0..<200 { _ = try encode() }
            var count = 0
            var checksum = 0
            let start = DispatchTime.now().uptimeNanoseconds
            let deadline = start + UInt64(seconds * 1e9)
            var now = start
            while now < deadline {
                for _ in 0..<100 { checksum &+= try encode().mask }
                count += 100
                now = DispatchTime.now().uptimeNanoseconds
            }
            let nanoseconds = Double(now - start) / Double(count)
            let perSecond = 1e9 / nanoseconds
            let line =
                "\(name): version \(sample.version), mask \(sample.mask): "
                + "\(String(format: "%.0f", perSecond)) encodes/s, \(String(format: "%.0f", nanoseconds)) ns/encode"
            print(line)
            // Keeps the optimiser from dropping the work.
            if checksum == Int.min { print(checksum) }
        }
    }
}
