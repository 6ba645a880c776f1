import ArgumentParser
import Dispatch
import KeepsafeBase
import QRCode

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `keepsafe bench qr`: how fast the encoder turns an enrollment URI into a symbol.
///
///     swift build -c release && .build/release/keepsafe bench qr
struct BenchQR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: CommandWords.text("abstract.bench.qr"),
        discussion: CommandWords.text("discussion.bench.qr")
    )

    /// The fixed input: 82 bytes, the shape of a TOTP enrollment URI.
    static let uri = "otpauth://totp/ACME:al@acme.io?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME"

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.bench.qr.seconds"), valueName: "S"))
    var seconds: Double = 2

    func run() throws {
        guard (0.1...60).contains(seconds) else {
            throw fail(CommandWords.text("badSeconds", ["seconds": "\(seconds)"]), Exit.usage)
        }
        let bytes = Array(Self.uri.utf8)
        let cases: [(String, () throws -> QRCode)] = [
            (
                CommandWords.text("bench.qr.segmented"),
                { try QRCode.encode(text: Self.uri, errorCorrection: .low, boostErrorCorrection: false) }
            ),
            (
                CommandWords.text("bench.qr.oneSegment"),
                { try QRCode.encode(bytes: bytes, errorCorrection: .low, boostErrorCorrection: false) }
            ),
        ]
        print(CommandWords.text("bench.qr.title", ["bytes": "\(bytes.count)"]))
        for (name, encode) in cases {
            let sample = try encode()
            // Warm up, then measure in batches until the time is spent.
            for _ in 0..<200 { _ = try encode() }
            var count = 0
            var checksum = 0
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = Self.threadCPUNanoseconds()
            let deadline = start + UInt64(seconds * 1e9)
            var now = start
            while now < deadline {
                for _ in 0..<100 { checksum &+= try encode().mask }
                count += 100
                now = DispatchTime.now().uptimeNanoseconds
            }
            let cpu = Double(Self.threadCPUNanoseconds() - cpuStart) / Double(count)
            let wall = Double(now - start) / Double(count)
            print(
                CommandWords.text(
                    "bench.qr.line",
                    [
                        "case": name, "version": "\(sample.version)", "mask": "\(sample.mask)",
                        "rate": Self.format(1e9 / wall), "wall": Self.format(wall),
                        "cpuRate": Self.format(1e9 / cpu), "cpu": Self.format(cpu),
                    ]))
            // Keeps the optimiser from dropping the work.
            if checksum == Int.min { print(checksum) }
        }
    }

    private static func format(_ value: Double) -> String { formatted("%.0f", value) }

    /// CPU time of this thread: unlike wall time, it does not count time spent waiting for a
    /// core on a busy machine.
    private static func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
