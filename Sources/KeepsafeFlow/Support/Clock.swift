import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where the flow gets the time. `reduce` never reads a clock: the runtime asks this one
/// and passes the instant in, so tests and walkthroughs move time by hand.
public protocol FlowClock: Sendable {
    func now() -> Date
}

/// The real time, optionally shifted (`--clock +16m` or an ISO 8601 start instant).
public struct SystemClock: FlowClock {
    public var offset: TimeInterval
    public init(offset: TimeInterval = 0) { self.offset = offset }
    public func now() -> Date { Date().addingTimeInterval(offset) }
}

/// A clock that only moves when told to: walkthroughs (`clock`, `advance`) and tests.
public final class ManualClock: FlowClock, @unchecked Sendable {
    private let lock = Lock()
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_777_626_000)) { current = start }

    public func now() -> Date { lock.withLock { current } }

    public func set(_ date: Date) { lock.withLock { current = date } }

    public func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
