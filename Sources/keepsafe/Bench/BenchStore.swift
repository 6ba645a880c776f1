import ArgumentParser
import Dispatch
import KeepsafeBase
import KeepsafePostgres
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

/// `keepsafe bench store`: the cost of one durable change as the store grows.
///
///     swift build -c release && .build/release/keepsafe bench store --accounts 100 --accounts 100000
struct BenchStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: CommandWords.text("abstract.bench.store"),
        discussion: CommandWords.text("discussion.bench.store")
    )

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.bench.store.accounts"), valueName: "N"))
    var accounts: [Int] = []

    @Option(help: ArgumentHelp(CommandWords.text("help.bench.store.samples")))
    var samples = 200

    @Option(help: ArgumentHelp(CommandWords.text("help.bench.store.scratch"), valueName: "DIR"))
    var scratch: String?

    @Option(help: ArgumentHelp(CommandWords.text("help.bench.store.store"), valueName: "URL"))
    var store: String?

    @Flag(help: ArgumentHelp(CommandWords.text("help.bench.store.keep")))
    var keep = false

    @Flag(help: ArgumentHelp(CommandWords.text("help.bench.store.json")))
    var json = false

    private struct Figures: Encodable {
        var accounts: Int
        var populateSeconds: Double
        var floor: Timing
        var change: Timing
        var signUp: Timing
    }

    private struct Timing: Encodable {
        var medianMs: Double
        var p90Ms: Double
        var meanMs: Double

        init(_ samples: [Double]) {
            medianMs = BenchStore.percentile(samples, 0.5)
            p90Ms = BenchStore.percentile(samples, 0.9)
            meanMs = samples.isEmpty ? 0 : samples.reduce(0, +) / Double(samples.count)
        }
    }

    private struct Report: Encodable {
        var samples: Int
        var sizes: [Figures]
        /// A change's median over the floor's, at the largest store.
        var changeOverFloor: Double
        /// A sign-up's median over a change's, at the largest store.
        var signUpOverChange: Double
        /// A change's median at the largest store over the smallest.
        var growth: Double
        var withinTargets: Bool
    }

    func validate() throws {
        guard accounts.allSatisfy({ (1...10_000_000).contains($0) }) else {
            throw CommandWords.outOfRange("--accounts", 1...10_000_000)
        }
        guard (1...100_000).contains(samples) else { throw CommandWords.outOfRange("--samples", 1...100_000) }
    }

    func run() throws {
        if let store {
            return try runPostgres(store)
        }
        let sizes = (accounts.isEmpty ? [100, 10_000, 100_000] : accounts).sorted()
        let base = (scratch ?? Path.temporaryDirectory) + "/keepsafe-bench-store-\(getpid())"
        defer { if !keep { try? FileManager.default.removeItem(atPath: base) } }
        do {
            var stores: [FileStore] = []
            var populate: [Double] = []
            for size in sizes {
                let store = try FileStore(path: base + "/accounts-\(size)", initialPolicy: .testing())
                let started = DispatchTime.now()
                try store.create(Company(id: "bench", name: "Bench", createdAt: Date()))
                try store.populate((0..<size).lazy.map(Self.account))
                populate.append(Self.seconds(since: started))
                progress(
                    CommandWords.text(
                        "bench.store.filled",
                        ["accounts": "\(size)", "seconds": formatted("%.1f", populate.last ?? 0)]))
                stores.append(store)
            }
            let timings = try measure(stores, sizes: sizes, base: base)
            let figures = sizes.indices.map { index in
                Figures(
                    accounts: sizes[index], populateSeconds: populate[index],
                    floor: Timing(timings.floor[index]),
                    change: Timing(timings.change[index]), signUp: Timing(timings.signUp[index]))
            }
            let first = figures[0]
            let last = figures[figures.count - 1]
            let changeOverFloor = last.change.medianMs / last.floor.medianMs
            let signUpOverChange = last.signUp.medianMs / last.change.medianMs
            let growth = last.change.medianMs / first.change.medianMs
            let report = Report(
                samples: samples, sizes: figures, changeOverFloor: changeOverFloor,
                signUpOverChange: signUpOverChange, growth: growth,
                withinTargets: changeOverFloor <= 1.5 && signUpOverChange <= 2 && growth <= 1.5)
            AdminOutput.print(json ? try AdminOutput.json(report) : Self.text(report))
        } catch let error as ExitCode {
            throw error
        } catch {
            throw storeFailure(error)
        }
    }

    /// Times `samples` of each kind per store, taking the stores in turn.
    private func measure(_ stores: [FileStore], sizes: [Int], base: String) throws -> (
        floor: [[Double]], change: [[Double]], signUp: [[Double]]
    ) {
        var floor = [[Double]](repeating: [], count: stores.count)
        var change = floor
        var signUp = floor
        let warmUp = min(20, samples)
        for round in 0..<(warmUp + samples) {
            for offset in stores.indices {
                let index = (round + offset) % stores.count
                let store = stores[index]
                let key = Self.account(Int.random(in: 0..<sizes[index])).email
                let replaced = try Self.time {
                    try Self.replaceDurably(
                        store.path + "/accounts/floor.bench",
                        with: try RecordCoder.encode(Self.account(0), file: "floor"))
                }
                let bump = try Self.time {
                    try store.update(Account.self, key: key) { $0?.failedLogins += 1 }
                }
                let newcomer = "new\(round)@example.com"
                let joined = try Self.time {
                    try store.transaction { tx in
                        let now = Date()
                        var account = Self.account(0)
                        account.email = newcomer
                        account.company = "company-\(round)"
                        try tx.create(account)
                        try tx.create(Company(id: "company-\(round)", name: "Bench \(round)", createdAt: now))
                        try tx.appendAudit(AuditEntry(time: now, event: "account.created", account: newcomer))
                        try tx.create(
                            MailMessage(
                                id: "bench-\(round)", to: newcomer, subject: "Welcome",
                                body: "Your account is ready.", sentAt: now))
                    }
                }
                if round >= warmUp {
                    floor[index].append(replaced)
                    change[index].append(bump)
                    signUp[index].append(joined)
                }
            }
        }
        return (floor, change, signUp)
    }

    /// The classic durable replace of one file: temp file, write, fsync, rename, fsync
    /// of the folder (what each change cost before transactions).
    private static func replaceDurably(_ path: String, with data: Data) throws {
        let temp = path + ".tmp"
        let descriptor = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.io(path: temp, operation: "open", errno: errno) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == data.count, synced == 0, rename(temp, path) == 0 else {
            throw StoreError.io(path: path, operation: "replace", errno: errno)
        }
        let folder = open(Path.parent(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { close(folder) }
        guard folder >= 0, fsync(folder) == 0 else {
            throw StoreError.io(path: path, operation: "fsync folder", errno: errno)
        }
    }

    private static func text(_ report: Report) -> String {
        func ms(_ timing: Timing) -> [String] {
            [timing.medianMs, timing.p90Ms, timing.meanMs].map { formatted("%.3f", $0) }
        }
        let rows = report.sizes.map { figures in
            ["\(figures.accounts)", formatted("%.1f", figures.populateSeconds)] + ms(figures.floor)
                + ms(figures.change) + ms(figures.signUp)
        }
        let verdict = CommandWords.text(report.withinTargets ? "bench.store.within" : "bench.store.over")
        let (median, p90, mean) = (
            CommandWords.text("bench.column.median"), CommandWords.text("bench.column.p90"),
            CommandWords.text("bench.column.mean")
        )
        return AdminOutput.table(
            [
                CommandWords.text("bench.column.accounts"), CommandWords.text("bench.column.fill"),
                CommandWords.text("bench.column.floor") + " " + median, p90, mean,
                CommandWords.text("bench.column.change") + " " + median, p90, mean,
                CommandWords.text("bench.column.signUp") + " " + median, p90, mean,
            ], rows)
            + "\n\n"
            + CommandWords.text(
                "bench.store.summary",
                [
                    "changeOverFloor": formatted("%.2f", report.changeOverFloor),
                    "signUpOverChange": formatted("%.2f", report.signUpOverChange),
                    "growth": formatted("%.2f", report.growth), "verdict": verdict,
                    "samples": "\(report.samples)",
                ])
    }

    private func runPostgres(_ url: String) throws {
        guard PostgresEndpoint.isURL(url) else {
            throw fail(CommandWords.text("bench.store.notURL"), Exit.usage)
        }
        let sizes = (accounts.isEmpty ? [100, 100_000] : accounts).sorted()
        let figures: [PostgresStoreBench.Figures]
        do {
            figures = try PostgresStoreBench(url: url, sizes: sizes, samples: samples, progress: progress)
                .run()
        } catch {
            throw storeFailure(error)
        }
        if json { return AdminOutput.print(try AdminOutput.json(figures)) }
        let rows = figures.map { figure in
            [
                "\(figure.accounts)", String(format: "%.1f", figure.populateSeconds),
                String(format: "%.3f", figure.floorMeanMs), String(format: "%.3f", figure.changeMeanMs),
                String(format: "%.3f", figure.changeMedianMs), String(format: "%.2f", figure.changeOverFloor),
            ]
        }
        AdminOutput.print(
            AdminOutput.table(
                [
                    CommandWords.text("bench.column.accounts"), CommandWords.text("bench.column.fill"),
                    CommandWords.text("bench.column.floor") + " " + CommandWords.text("bench.column.mean"),
                    CommandWords.text("bench.column.change") + " " + CommandWords.text("bench.column.mean"),
                    CommandWords.text("bench.column.median"),
                    CommandWords.text("bench.column.changeOverFloor"),
                ], rows)
                + "\n\n" + CommandWords.text("bench.store.postgresSummary", ["samples": "\(samples)"]))
    }

    static func account(_ index: Int) -> Account {
        Account(
            email: "user\(index)@example.com", displayName: "Bench User \(index)", company: "bench",
            passwordHash: "$pbkdf2-sha256$i=600000$" + String(repeating: "c2Fsd", count: 4) + "$"
                + String(repeating: "aGFzaA", count: 7),
            createdAt: Date(timeIntervalSince1970: 1_777_626_000))
    }

    private static func factor() -> Factor {
        var factor = Factor(id: "bench-totp", kind: .totp, state: .active, createdAt: Date())
        factor.totpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
        factor.totpAlgorithm = "SHA1"
        factor.totpDigits = 6
        factor.totpPeriod = 30
        return factor
    }

    fileprivate static func time(_ body: () throws -> Void) throws -> Double {
        let started = DispatchTime.now()
        try body()
        return seconds(since: started) * 1000
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }

    private func progress(_ line: String) {
        if !json { StandardStream.error((line + "\n")) }
    }
}
