import ArgumentParser
import Dispatch
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

/// `keepsafe bench store`: the cost of one durable change as the store grows.
///
///     swift build -c release && .build/release/keepsafe bench store --accounts 100 --accounts 100000
struct BenchStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Time single durable account changes in stores of N accounts.",
        discussion: """
            For each N, a scratch store is filled with N accounts, then single changes are \
            timed as the portal makes them, each an update of one account record: a \
            failed-log-in counter bump and an enrollment (a new authenticator factor and \
            recovery code hash). The stores are measured in turn, sample by sample, so load \
            from other programs falls on all of them alike. Target: the median change at the \
            largest N costs at most 1.5 times the median at the smallest.
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Store size to measure; repeat for several (default: 100, 10000, 100000).", valueName: "N"))
    var accounts: [Int] = []

    @Option(help: "Timed changes of each kind per store size.")
    var samples = 200

    @Option(
        help: ArgumentHelp(
            "Where to make the scratch stores (default: the temporary directory).", valueName: "DIR"))
    var scratch: String?

    @Flag(help: "Keep the scratch stores afterwards.")
    var keep = false

    @Flag(help: "Print the figures as JSON.")
    var json = false

    private struct Figures: Encodable {
        var accounts: Int
        var populateSeconds: Double
        var bumpMedianMs: Double
        var bumpP90Ms: Double
        var enrollMedianMs: Double
        var enrollP90Ms: Double
    }

    private struct Report: Encodable {
        var samples: Int
        var sizes: [Figures]
        var bumpRatio: Double
        var enrollRatio: Double
        var target: Double
        var withinTarget: Bool
    }

    func validate() throws {
        guard accounts.allSatisfy({ (1...10_000_000).contains($0) }) else {
            throw ValidationError("--accounts must be 1 to 10000000")
        }
        guard (1...100_000).contains(samples) else { throw ValidationError("--samples must be 1 to 100000") }
    }

    func run() throws {
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
                    "filled a store of \(size) accounts in \(formatted("%.1f", populate.last ?? 0)) s")
                stores.append(store)
            }
            let (bumps, enrollments) = try measure(stores, sizes: sizes)
            let figures = sizes.indices.map { index in
                Figures(
                    accounts: sizes[index], populateSeconds: populate[index],
                    bumpMedianMs: Self.percentile(bumps[index], 0.5),
                    bumpP90Ms: Self.percentile(bumps[index], 0.9),
                    enrollMedianMs: Self.percentile(enrollments[index], 0.5),
                    enrollP90Ms: Self.percentile(enrollments[index], 0.9))
            }
            let first = figures[0]
            let last = figures[figures.count - 1]
            let bumpRatio = last.bumpMedianMs / first.bumpMedianMs
            let enrollRatio = last.enrollMedianMs / first.enrollMedianMs
            let report = Report(
                samples: samples, sizes: figures, bumpRatio: bumpRatio, enrollRatio: enrollRatio, target: 1.5,
                withinTarget: bumpRatio <= 1.5 && enrollRatio <= 1.5)
            AdminOutput.print(json ? try AdminOutput.json(report) : Self.text(report))
        } catch let error as ExitCode {
            throw error
        } catch {
            throw storeFailure(error)
        }
    }

    /// Times `samples` changes of each kind per store, taking the stores in turn.
    private func measure(_ stores: [FileStore], sizes: [Int]) throws -> ([[Double]], [[Double]]) {
        var bumps = [[Double]](repeating: [], count: stores.count)
        var enrollments = [[Double]](repeating: [], count: stores.count)
        let warmUp = min(20, samples)
        for round in 0..<(warmUp + samples) {
            for offset in stores.indices {
                let index = (round + offset) % stores.count
                let key = Self.account(Int.random(in: 0..<sizes[index])).email
                let bump = try Self.time {
                    try stores[index].update(Account.self, key: key) { $0?.failedLogins += 1 }
                }
                let enroll = try Self.time {
                    try stores[index].update(Account.self, key: key) { account in
                        account?.factors = [Self.factor()]
                        account?.preferredFactorID = "bench-totp"
                        account?.recoveryCodeHash = "$sha256$" + String(repeating: "5a", count: 32)
                        account?.mfaRequiredAtNextLogin = false
                    }
                }
                if round >= warmUp {
                    bumps[index].append(bump)
                    enrollments[index].append(enroll)
                }
            }
        }
        return (bumps, enrollments)
    }

    private static func text(_ report: Report) -> String {
        func ms(_ value: Double) -> String { formatted("%.3f", value) }
        let rows = report.sizes.map { figures in
            [
                "\(figures.accounts)", formatted("%.1f", figures.populateSeconds),
                ms(figures.bumpMedianMs),
                ms(figures.bumpP90Ms), ms(figures.enrollMedianMs), ms(figures.enrollP90Ms),
            ]
        }
        let verdict = report.withinTarget ? "within" : "OVER"
        return AdminOutput.table(
            ["ACCOUNTS", "FILL s", "BUMP median ms", "BUMP p90 ms", "ENROLL median ms", "ENROLL p90 ms"], rows
        )
            + "\n\nmedian at the largest / smallest store: bump \(formatted("%.2f", report.bumpRatio)), "
            + "enrollment \(formatted("%.2f", report.enrollRatio)) (target ≤ 1.5: \(verdict)); "
            + "\(report.samples) samples of each"
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

    private static func time(_ body: () throws -> Void) throws -> Double {
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
