import Dispatch
import KeepsafeBase

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

/// Wakes the event loop when the store reports a change (PostgreSQL's NOTIFY), so that
/// a screen waiting for the phone moves on at once rather than at its next poll.
///
/// A thread of its own waits on the store and, for every change, writes a byte to a
/// pipe; the loop waits for its input and this pipe together (`descriptor`), and polls
/// the flow when the pipe is readable. Polling on a timer stays: a lost notification
/// (the listening connection dropped) costs at most one poll interval.
public final class ChangeWakeup: @unchecked Sendable {
    // @unchecked: `stopped` is touched only under `lock`; the descriptors never change.
    /// Readable when a change came since the last `drain()`.
    public let descriptor: Int32
    private let writeEnd: Int32
    private let wait: @Sendable (_ timeout: Double) -> Bool
    private let lock = Lock()
    private var stopped = false

    /// - Parameter wait: blocks until the store reports a change (true) or `timeout`
    ///   seconds pass (false). It should not return early on failures, lest the thread spin.
    /// - Returns: nil when no pipe can be made (the loop then only polls).
    public init?(wait: @escaping @Sendable (_ timeout: Double) -> Bool) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        descriptor = ends[0]
        writeEnd = ends[1]
        self.wait = wait
    }

    /// Starts the waiting thread.
    public func start() {
        DispatchQueue(label: "keepsafe.change-wakeup").async { [self] in
            while !isStopped {
                guard wait(1), !isStopped else { continue }
                var byte: UInt8 = 1
                // A full pipe already says "changed": a failed write loses nothing.
                _ = write(writeEnd, &byte, 1)
            }
            close(writeEnd)
            close(descriptor)
        }
    }

    /// Empties the pipe (before the loop polls the flow).
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(descriptor, &buffer, buffer.count) > 0 {}
    }

    /// Ends the thread (within about a second); the pipe is closed when it ends.
    public func stop() {
        lock.withLock { stopped = true }
    }

    private var isStopped: Bool { lock.withLock { stopped } }
}
