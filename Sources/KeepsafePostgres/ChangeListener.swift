import Foundation
import KeepsafeStore
import NIOCore
import PostgresNIO

/// LISTEN on the store's change channel over a connection of its own, queueing what
/// arrives until someone waits for it.
final class ChangeListener: @unchecked Sendable {
    // @unchecked: every mutable property is touched only under `condition`.
    private let pool: ConnectionPool
    private let condition = NSCondition()
    private var connection: PostgresConnection?
    private var pending: [String] = []

    init(pool: ConnectionPool) {
        self.pool = pool
    }

    deinit {
        if let connection { pool.discard(connection) }
    }

    /// Connects and LISTENs unless already listening (a dropped connection listens anew).
    func start() throws {
        condition.lock()
        defer { condition.unlock() }
        if let connection, !connection.isClosed { return }
        if let connection { pool.discard(connection) }
        let fresh = try pool.connectDedicated()
        fresh.addListener(channel: pool.endpoint.changeChannel) { [weak self] _, notification in
            guard let self else { return }
            self.condition.lock()
            self.pending.append(notification.payload)
            self.condition.signal()
            self.condition.unlock()
        }
        do {
            let channel = pool.endpoint.changeChannel  // validated: plain identifier characters
            _ = try fresh.run(PostgresQuery(unsafeSQL: "LISTEN \"\(channel)\""), pool: pool)
        } catch {
            pool.discard(fresh)
            throw PostgresFailure.storeError(error, store: pool.endpoint.description)
        }
        connection = fresh
    }

    /// The next change's collection, or `nil` after `timeout` seconds.
    func wait(timeout: TimeInterval) throws -> String? {
        try start()
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty {
            if connection?.isClosed ?? true {
                throw StoreError.unreachable(
                    store: pool.endpoint.description, reason: "the listening connection was lost")
            }
            // Wake now and then to notice a lost connection.
            let step = min(deadline, Date(timeIntervalSinceNow: 0.5))
            if !condition.wait(until: step), Date() >= deadline { return nil }
        }
        return pending.removeFirst()
    }
}
