import Foundation
import KeepsafeStore
import NIOCore
import PostgresNIO

/// The connection went away, or the server stopped answering: the statement's outcome
/// is unknown and the connection must not be used again.
struct ConnectionLost: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

/// Waits, from an ordinary thread, for a postgres-nio future that concerns one
/// connection, but never for ever.
///
/// `EventLoopFuture.wait()` trusts the future to complete. After a server restart it
/// sometimes does not: a statement written while the channel was closing is dropped
/// without its promise being failed, and the caller (holding its pool slot, and maybe
/// a row lock on the old server) waits for an answer that will never come. Here the
/// wait also ends when the connection closes (after a short grace for the failure
/// postgres-nio does report), or when `timeout` passes; in the last case the
/// connection is closed, since its state is unknown.
enum BoundedWait {
    /// How long the log-in to the server may take, TCP connect included.
    static let connectTimeout: TimeInterval = 15
    /// After the connection closed, how long the future gets to report its own failure.
    static let closeGrace: TimeInterval = 0.5

    /// The future's value.
    /// - Throws: the future's error; `ConnectionLost` when `connection` closed without
    ///   the future completing, or when nothing came within `timeout`.
    static func wait<Value: Sendable>(
        _ future: EventLoopFuture<Value>, connection: PostgresConnection?, timeout: TimeInterval
    ) throws -> Value {
        let outcome = Outcome<Value>()
        future.whenComplete { outcome.finish($0) }
        connection?.closeFuture.whenComplete { _ in outcome.connectionClosed() }
        switch outcome.wait(until: Date(timeIntervalSinceNow: timeout), grace: closeGrace) {
        case .result(let result):
            return try result.get()
        case .closed:
            throw ConnectionLost(reason: "the connection was lost")
        case .timedOut:
            connection?.channelClose()
            throw ConnectionLost(reason: "the server did not answer within \(Int(timeout)) s")
        }
    }

    /// The first of: the future's result, the connection's end, the deadline.
    private final class Outcome<Value: Sendable>: @unchecked Sendable {
        // @unchecked: every property is touched only under `condition`.
        enum End {
            case result(Result<Value, any Error>)
            case closed
            case timedOut
        }

        private let condition = NSCondition()
        private var result: Result<Value, any Error>?
        private var closedAt: Date?

        func finish(_ result: Result<Value, any Error>) {
            condition.withLock {
                self.result = result
                condition.broadcast()
            }
        }

        func connectionClosed() {
            condition.withLock {
                if closedAt == nil { closedAt = Date() }
                condition.broadcast()
            }
        }

        func wait(until deadline: Date, grace: TimeInterval) -> End {
            condition.withLock {
                while true {
                    if let result { return .result(result) }
                    var limit = deadline
                    if let closedAt {
                        let end = closedAt.addingTimeInterval(grace)
                        if Date() >= end { return .closed }
                        limit = min(limit, end)
                    }
                    if Date() >= deadline { return .timedOut }
                    _ = condition.wait(until: limit)
                }
            }
        }
    }
}

extension PostgresConnection {
    /// Starts closing the channel without waiting (a connection in an unknown state).
    func channelClose() {
        let closing: EventLoopFuture<Void> = close()
        _ = closing
    }

    /// Runs `query` and collects its rows, within the pool's `answerTimeout`.
    /// - Throws: postgres-nio's error, or `ConnectionLost`.
    func run(_ query: PostgresQuery, pool: ConnectionPool) throws -> PostgresQueryResult {
        try answer(try send(query, pool: pool), pool: pool)
    }

    /// Queues `query` without waiting for it: postgres-nio sends it as soon as the
    /// statements queued before it are answered, so several statements cost the
    /// calling thread one wake-up instead of one each.
    /// - Throws: `ConnectionLost` when the connection is closed already.
    func send(_ query: PostgresQuery, pool: ConnectionPool) throws -> EventLoopFuture<PostgresQueryResult> {
        guard !isClosed else { throw ConnectionLost(reason: "the connection was lost") }
        return self.query(query, logger: pool.logger)
    }

    /// The answer to a statement `send` queued, within the pool's `answerTimeout`.
    /// - Throws: postgres-nio's error, or `ConnectionLost`.
    func answer(
        _ future: EventLoopFuture<PostgresQueryResult>, pool: ConnectionPool
    ) throws -> PostgresQueryResult {
        try BoundedWait.wait(future, connection: self, timeout: pool.answerTimeout)
    }
}
