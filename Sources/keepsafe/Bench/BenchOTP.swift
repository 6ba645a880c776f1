import ArgumentParser
import KeepsafeBase
import OneTimePassword

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

/// `keepsafe bench otp`: PBKDF2-SHA256 time per password hash and TOTP verifications per second.
///
///     swift build -c release && .build/release/keepsafe bench otp --python
struct BenchOTP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "otp",
        abstract: CommandWords.text("abstract.bench.otp"),
        discussion: CommandWords.text("discussion.bench.otp")
    )

    @Option(help: ArgumentHelp(CommandWords.text("help.bench.otp.hashes")))
    var hashes = 5

    @Option(help: ArgumentHelp(CommandWords.text("help.bench.otp.iterations")))
    var iterations = PasswordHasher.defaultIterations

    @Option(help: ArgumentHelp(CommandWords.text("help.bench.otp.verifications")))
    var verifications = 200_000

    @Flag(help: ArgumentHelp(CommandWords.text("help.bench.otp.python")))
    var python = false

    func validate() throws {
        guard (1...1_000_000).contains(hashes), (1...100_000_000).contains(iterations),
            (1...1_000_000_000).contains(verifications)
        else {
            throw ValidationError(CommandWords.text("benchOTPRange"))
        }
    }

    func run() throws {
        let hasher = PasswordHasher(iterations: iterations)
        var encoded = ""
        let hashing = try Self.measure {
            for index in 0..<hashes { encoded = try hasher.hash("bench-password-\(index)") }
        }
        guard try PasswordHasher.verify("bench-password-\(hashes - 1)", against: encoded) else {
            throw fail(CommandWords.text("bench.otp.notVerified"), Exit.failed)
        }
        let count = Double(hashes)
        print(
            CommandWords.text(
                "bench.otp.hash",
                [
                    "iterations": "\(iterations)", "wall": formatted("%.1f", hashing.wall / count),
                    "cpu": formatted("%.1f", hashing.cpu / count), "hashes": "\(hashes)",
                ]))

        if python {
            try comparePython(oursCPU: hashing.cpu / count)
        }

        let totp = try TOTP(secret: Secrets.totpSecret())
        let now = Date()
        let code = totp.code(at: now)
        var accepted = 0
        let verifying = Self.measure {
            for index in 0..<verifications {
                // Alternate a good code and a wrong one, so both paths (1 and 3 HMACs) are timed.
                let typed = index % 2 == 0 ? code : "000000"
                if case .accepted = totp.verify(typed, at: now) { accepted += 1 }
            }
        }
        let timed = Double(verifications)
        print(
            CommandWords.text(
                "bench.otp.verify",
                [
                    "rate": formatted("%.0f", timed / (verifying.wall / 1000)),
                    "cpuRate": formatted("%.0f", timed / (verifying.cpu / 1000)),
                    "timed": "\(verifications)", "accepted": "\(accepted)",
                ]))
    }

    /// Times the same PBKDF2 work in python3's hashlib (OpenSSL) and prints the CPU-time ratio.
    private func comparePython(oursCPU: Double) throws {
        let program = """
            import hashlib, os, sys, time
            n, iterations = int(sys.argv[1]), int(sys.argv[2])
            start, cpu = time.perf_counter(), time.process_time()
            for i in range(n):
                hashlib.pbkdf2_hmac("sha256", b"bench-password-%d" % i, os.urandom(16), iterations, 32)
            print((time.perf_counter() - start) * 1000 / n, (time.process_time() - cpu) * 1000 / n)
            """
        let result: (status: Int32, output: String)
        do {
            result = try ChildProcess.run(["python3", "-c", program, String(hashes), String(iterations)])
        } catch {
            throw fail(CommandWords.text("bench.otp.pythonError", ["error": "\(error)"]), Exit.failed)
        }
        let fields = result.output.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        guard result.status == 0, fields.count == 2 else {
            throw fail(CommandWords.text("bench.otp.pythonFailed"), Exit.failed)
        }
        print(
            CommandWords.text(
                "bench.otp.python",
                [
                    "iterations": "\(iterations)", "wall": formatted("%.1f", fields[0]),
                    "cpu": formatted("%.1f", fields[1]), "ratio": formatted("%.2f", oursCPU / fields[1]),
                ]))
    }

    /// Wall and CPU milliseconds spent in `body`; CPU time ignores other load on the machine.
    private static func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let cpuStart = cpuMilliseconds()
        let wall = try ContinuousClock().measure(body)
        let parts = wall.components
        return (Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15, cpuMilliseconds() - cpuStart)
    }

    private static func cpuMilliseconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1e6
    }
}
