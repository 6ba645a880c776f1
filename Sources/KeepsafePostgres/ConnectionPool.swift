import Foundation
import KeepsafeStore
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A few connections to one server, reused: an operation takes an idle connection (or
/// opens one), and gives it back when it is done with it, unless it broke.
///
/// Synchronous on purpose: the store protocol is called from ordinary threads (never an
/// event loop), which wait for postgres-nio's futures. A connection that failed (a
/// server restart, a network cut) is closed and forgotten, so the next operation opens
/// a fresh one.
final class ConnectionPool: @unchecked Sendable {
    // @unchecked: `idle` and `nextID` are only touched under `lock`.
    let endpoint: PostgresEndpoint
    let logger: Logger
    private let configuration: PostgresConnection.Configuration
    private let group: any EventLoopGroup
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []
    private var nextID = 1
    /// Idle connections kept beyond this are closed.
    private let maximumIdle = 4
    /// How long a statement's answer may take before its connection is given up (see
    /// `BoundedWait`).
    let answerTimeout: TimeInterval

    /// - Throws: `StoreError.database` when the TLS settings cannot be built (a CA file
    ///   that does not load, say).
    init(endpoint: PostgresEndpoint, environment: [String: String], answerTimeout: TimeInterval) throws {
        self.endpoint = endpoint
        self.answerTimeout = answerTimeout
        var logger = Logger(label: "keepsafe.postgres")
        logger.logLevel = .critical
        self.logger = logger
        group = MultiThreadedEventLoopGroup.singleton
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = try Self.tls(for: endpoint, environment: environment)
        } catch {
            throw StoreError.database(store: endpoint.description, reason: "TLS setup failed: \(error)")
        }
        var configuration = PostgresConnection.Configuration(
            host: endpoint.host, port: endpoint.port, username: endpoint.user, password: endpoint.password,
            database: endpoint.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        // Transactions are short (no body waits for a person): a session that sits in
        // an open transaction for 10 s has lost its client, so the server ends it and
        // frees its row locks rather than blocking every other writer.
        configuration.options.additionalStartupParameters = [("idle_in_transaction_session_timeout", "10000")]
        self.configuration = configuration
    }

    deinit {
        for connection in idle { discard(connection) }
    }

    /// An idle connection (`reused` true) or a new one.
    /// - Throws: `StoreError.unreachable` when the server cannot be reached or refuses
    ///   the log-in.
    func checkOut() throws -> (connection: PostgresConnection, reused: Bool) {
        let (reused, id): (PostgresConnection?, Int) = lock.withLock {
            while let connection = idle.popLast() {
                if !connection.isClosed { return (connection, 0) }
            }
            nextID += 1
            return (nil, nextID)
        }
        if let reused { return (reused, true) }
        return (try connect(id: id), false)
    }

    /// A new connection, logged in, within `BoundedWait.connectTimeout`.
    private func connect(id: Int) throws -> PostgresConnection {
        let future = PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger)
        do {
            return try BoundedWait.wait(future, connection: nil, timeout: BoundedWait.connectTimeout)
        } catch let error as ConnectionLost {
            // Given up on: should it still come, it is closed (postgres-nio insists).
            future.whenSuccess { $0.channelClose() }
            throw StoreError.unreachable(store: endpoint.description, reason: error.reason)
        } catch {
            throw PostgresFailure.storeError(error, store: endpoint.description, connecting: true)
        }
    }

    /// Gives `connection` back for reuse; a closed one, or one beyond the idle limit, is
    /// closed instead.
    func checkIn(_ connection: PostgresConnection) {
        guard !connection.isClosed else {
            discard(connection)
            return
        }
        let kept = lock.withLock {
            guard idle.count < maximumIdle else { return false }
            idle.append(connection)
            return true
        }
        if !kept { discard(connection) }
    }

    /// Closes a connection that failed or holds an unknown state (or is no longer
    /// wanted), waiting for it: postgres-nio insists that a connection is closed before
    /// it is released. Never called on an event loop.
    func discard(_ connection: PostgresConnection) {
        _ = try? BoundedWait.wait(connection.close(), connection: connection, timeout: BoundedWait.closeGrace * 4)
    }

    /// Closes every idle connection (after one turned out dead: a restarted server
    /// broke them all).
    func discardIdle() {
        let connections = lock.withLock {
            defer { idle.removeAll() }
            return idle
        }
        for connection in connections { discard(connection) }
    }

    /// A dedicated connection outside the pool (for LISTEN).
    func connectDedicated() throws -> PostgresConnection {
        let id = lock.withLock {
            nextID += 1
            return nextID
        }
        return try connect(id: id)
    }

    private static func tls(
        for endpoint: PostgresEndpoint, environment: [String: String]
    ) throws -> PostgresConnection.Configuration.TLS {
        var settings = TLSConfiguration.makeClientConfiguration()
        switch endpoint.sslMode {
        case .disable:
            return .disable
        case .prefer:
            settings.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: settings))
        case .require:
            settings.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: settings))
        case .verifyFull:
            settings.certificateVerification = .fullVerification
            if let file = environment["PGSSLROOTCERT"], !file.isEmpty {
                settings.trustRoots = .file(file)
            }
            return .require(try NIOSSLContext(configuration: settings))
        }
    }
}
