import ArgumentParser
import KeepsafeBase
@_spi(Benchmark) import KeepsafeStore

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

/// `keepsafe bench startup`: how long the portal takes to show its first frame, next to
/// how long the same binary takes to print `--version`.
///
///     .build/release/keepsafe bench startup --compare .build-old/release/keepsafe
struct BenchStartup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup",
        abstract: CommandWords.text("abstract.bench.startup"),
        discussion: CommandWords.text("discussion.bench.startup")
    )

    @Option(help: ArgumentHelp(CommandWords.text("help.bench.startup.compare"), valueName: "PATH"))
    var compare: [String] = []

    @Option(help: ArgumentHelp(CommandWords.text("help.bench.startup.runs"), valueName: "N"))
    var runs: Int = 15

    @Option(help: ArgumentHelp(CommandWords.text("help.bench.startup.accounts"), valueName: "N"))
    var accounts: Int = 1000

    @Option(help: ArgumentHelp(CommandWords.text("help.bench.startup.until"), valueName: "TEXT"))
    var until: String = "Ctrl-C"

    @Flag(help: ArgumentHelp(CommandWords.text("help.bench.startup.json")))
    var json = false

    func validate() throws {
        guard (1...1000).contains(runs) else { throw CommandWords.outOfRange("--runs", 1...1000) }
        guard (0...1_000_000).contains(accounts) else {
            throw CommandWords.outOfRange("--accounts", 0...1_000_000)
        }
        guard !until.isEmpty else { throw ValidationError(CommandWords.text("emptyUntil")) }
    }

    struct Figures: Encodable {
        var binary: String
        var versionMs: Double
        var firstFrameMs: Double
        var ratio: Double
    }

    func run() throws {
        let scratch = Path.join(Path.temporaryDirectory, "keepsafe-bench-startup-\(getpid())")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let store = Path.join(scratch, "store")
        do {
            let made = try FileStore(path: store, initialPolicy: .testing())
            try made.create(Company(id: "bench", name: "Bench", createdAt: Date()))
            try made.populate((0..<accounts).lazy.map(BenchStore.account))
        } catch {
            throw storeFailure(error)
        }
        let binaries = [Self.ownPath()] + compare
        var versions = Array(repeating: [Double](), count: binaries.count)
        var frames = Array(repeating: [Double](), count: binaries.count)
        let environment = Self.environment(scratch: scratch)
        for _ in 0..<runs {
            for (index, binary) in binaries.enumerated() {
                do {
                    versions[index].append(try Self.timeVersion(binary))
                    frames[index].append(
                        try Self.timeFirstFrame(
                            [binary, "--store", store, "--device", "bench"], environment: environment,
                            until: Array(until.utf8)))
                } catch let error as StartupFailure {
                    throw fail(
                        CommandWords.text("bench.startup.failed", ["binary": binary, "error": "\(error)"]),
                        Exit.failed)
                }
            }
        }
        let figures = binaries.indices.map { index in
            let version = BenchStore.percentile(versions[index], 0.5)
            let frame = BenchStore.percentile(frames[index], 0.5)
            return Figures(
                binary: binaries[index], versionMs: version, firstFrameMs: frame, ratio: frame / version)
        }
        if json {
            AdminOutput.print(try AdminOutput.json(figures))
            return
        }
        print(CommandWords.text("bench.startup.title", ["runs": "\(runs)", "accounts": "\(accounts)"]))
        for figure in figures {
            print(
                CommandWords.text(
                    "bench.startup.line",
                    [
                        "version": formatted("%8.1f", figure.versionMs),
                        "frame": formatted("%8.1f", figure.firstFrameMs),
                        "ratio": formatted("%5.1f", figure.ratio), "binary": figure.binary,
                    ]))
        }
    }

    /// Where this process's executable is.
    static func ownPath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The portal's environment: a known terminal, UTF-8, a device file in the scratch folder.
    static func environment(scratch: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        environment["XDG_STATE_HOME"] = Path.join(scratch, "state")
        environment["NO_COLOR"] = nil
        environment["KEEPSAFE_STORE"] = nil
        return environment
    }

    struct StartupFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Milliseconds from starting `binary --version` to its exit.
    static func timeVersion(_ binary: String) throws -> Double {
        let started = monotonicMilliseconds()
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn([binary, "--version"])
        } catch {
            throw StartupFailure(description: "\(error)")
        }
        let status = ChildProcess.wait(pid)
        let elapsed = monotonicMilliseconds() - started
        guard status == 0 else {
            throw StartupFailure(
                description: CommandWords.text("bench.startup.versionExit", ["status": "\(status)"]))
        }
        return elapsed
    }

    /// Milliseconds from starting `arguments` on a new 80x24 pseudo-terminal to the
    /// moment `until` appears in what it writes; the program is killed then.
    static func timeFirstFrame(_ arguments: [String], environment: [String: String], until: [UInt8]) throws
        -> Double
    {
        let terminal = try PseudoTerminal(rows: 24, columns: 80)
        defer { terminal.close() }
        let started = monotonicMilliseconds()
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn(
                arguments, environment: environment, stdin: terminal.secondary, stdout: terminal.secondary,
                stderr: terminal.secondary, newSession: true)
        } catch {
            throw StartupFailure(description: "\(error)")
        }
        defer {
            kill(pid, SIGKILL)
            ChildProcess.wait(pid)
        }
        var seen: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while monotonicMilliseconds() - started < 10_000 {
            var poller = pollfd(fd: terminal.primary, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = read(terminal.primary, &buffer, buffer.count)
            guard count > 0 else { break }
            seen += buffer[..<count]
            if contains(seen, until) { return monotonicMilliseconds() - started }
        }
        let shown = String(decoding: seen.suffix(200), as: UTF8.self).filter { $0.isLetter || $0 == " " }
        throw StartupFailure(
            description: CommandWords.text("bench.startup.noFrame", ["shown": String(shown.suffix(80))]))
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    static func monotonicMilliseconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1_000_000
    }
}

/// A Linux pseudo-terminal pair of the given size.
struct PseudoTerminal {
    let primary: Int32
    let secondary: Int32

    init(rows: UInt16, columns: UInt16) throws {
        primary = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard primary >= 0 else {
            throw BenchStartup.StartupFailure(
                description: CommandWords.text("bench.startup.noPTY", ["error": systemErrorText(errno)]))
        }
        // TIOCSPTLCK (unlock) and TIOCGPTN (number), which Glibc's module does not export:
        // _IOW('T', 0x31, int) and _IOR('T', 0x30, unsigned int).
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(primary, UInt(0x4004_5431), &unlock) == 0, ioctl(primary, UInt(0x8004_5430), &number) == 0
        else {
            Glibc.close(primary)
            throw BenchStartup.StartupFailure(description: CommandWords.text("bench.startup.ptySetup"))
        }
        secondary = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard secondary >= 0 else {
            Glibc.close(primary)
            throw BenchStartup.StartupFailure(
                description: CommandWords.text("bench.startup.noSecondary", ["number": "\(number)"]))
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(secondary, UInt(TIOCSWINSZ), &size)
    }

    func close() {
        Glibc.close(primary)
        Glibc.close(secondary)
    }
}
