import Foundation
import KeepsafeStore
import NIOCore
import PostgresNIO

/// The store on a PostgreSQL server, for a team sharing one set of accounts from many
/// machines: the same documents, policy and audit log as a `FileStore`, in tables.
///
/// - One `transaction` is one SQL transaction (READ COMMITTED). Every document it reads
///   is locked (`FOR UPDATE`) until it commits, so a check and the change it guards are
///   one step for every process on every host. The body runs again (a few times) after
///   a serialization failure, a deadlock or a unique violation; on the retry a second
///   creator of one key sees the first's row and gets `alreadyExists`.
/// - A `snapshot` is READ ONLY, REPEATABLE READ: one consistent view, no locks.
/// - A commit that adds push requests, SMS or mail NOTIFYs `endpoint.changeChannel` with
///   the collection's name, so a waiting portal or phone wakes at once
///   (`waitForChange`).
/// - A dropped connection or a restarted server fails the operation in flight with one
///   line (`StoreError.unreachable`); the next operation connects again.
///
///     let store = try PostgresStore(url: "postgres://keepsafe@db:5432/keepsafe?sslmode=require")
///     try store.transaction { tx in try tx.update(Account.self, key: email) { $0?.failedLogins += 1 } }
public final class PostgresStore: DocumentStore, ChangeNotifying, @unchecked Sendable {
    // @unchecked: `openTransactions` is guarded by `registryLock`; the pool and the
    // listener guard their own state.
    public let endpoint: PostgresEndpoint
    let pool: ConnectionPool
    private let registryLock = NSLock()
    private var openTransactions: Set<UInt> = []
    private let listener: ChangeListener
    /// How many times a transaction body runs at most before its conflict is reported.
    static let maximumAttempts = 8

    public var location: String { endpoint.description }

    /// Connects to the store at `url` (see `PostgresEndpoint`), creating its tables (the
    /// latest migrations) and writing `initialPolicy` if it has none yet, unless
    /// `createIfMissing` is false: then a database without the store's tables is
    /// `StoreError.noStore`.
    /// - Throws: `PostgresEndpoint.Invalid` for a bad URL; `StoreError.unreachable`,
    ///   `.database`, `.noStore`, `.unsupportedVersion` (a schema newer than this build).
    ///
    /// `answerTimeout`: how long a statement's answer may take before the operation fails
    /// as unreachable and its connection is dropped (a server that stopped answering
    /// without closing, a network cut). Generous by default: a statement may wait for a
    /// row lock, which the server frees within 10 s even when its holder hung
    /// (`idle_in_transaction_session_timeout`).
    public init(
        url: String, createIfMissing: Bool = true, initialPolicy: Policy = Policy(),
        migrateIfNeeded: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment,
        answerTimeout: TimeInterval = 30
    ) throws {
        endpoint = try PostgresEndpoint(url: url, environment: environment)
        pool = try ConnectionPool(endpoint: endpoint, environment: environment, answerTimeout: answerTimeout)
        listener = ChangeListener(pool: pool)
        let version = try schemaVersion()
        if version > PostgresSchema.latestVersion {
            throw StoreError.unsupportedVersion(
                file: location + " keepsafe_schema", found: version, supported: PostgresSchema.latestVersion)
        }
        if version == 0 && !createIfMissing { throw StoreError.noStore(path: location) }
        if migrateIfNeeded, version < PostgresSchema.latestVersion {
            if createIfMissing || version > 0 {
                _ = try migrate(initialPolicy: initialPolicy)
            }
        }
    }

    // MARK: Schema

    /// The schema version the database holds (0: no store yet).
    public func schemaVersion() throws -> Int {
        try withConnection { connection in
            let s = endpoint.quotedSchema
            let exists = try connection.run(
                "SELECT to_regclass(\(s + ".keepsafe_schema")) IS NOT NULL", pool: pool
            )
            guard let row = exists.first, try row.decode(Bool.self) else { return 0 }
            let rows = try connection.run(
                "SELECT coalesce(max(version), 0)::int8 FROM \(unescaped: s).keepsafe_schema", pool: pool
            )
            return try rows.first.map { Int(try $0.decode(Int64.self)) } ?? 0
        }
    }

    /// Applies the migrations the database lacks, in one transaction (several processes
    /// opening a new store at once: one migrates, the others wait and find it done).
    /// The first migration also writes `initialPolicy`.
    /// - Returns: the versions before and after.
    @discardableResult
    public func migrate(initialPolicy: Policy = Policy()) throws -> (from: Int, to: Int) {
        let s = endpoint.quotedSchema
        var policy = initialPolicy
        policy.schemaVersion = Policy.currentSchemaVersion
        let policyData = try RecordCoder.encode(policy, file: location + " policy")
        return try withConnection { connection in
            func exec(_ query: PostgresQuery) throws -> PostgresQueryResult {
                try connection.run(query, pool: pool)
            }
            _ = try exec("BEGIN")
            do {
                _ = try exec("SELECT pg_advisory_xact_lock(hashtext(\("keepsafe schema " + endpoint.schema)))")
                _ = try exec("SET LOCAL client_min_messages = warning")
                _ = try exec("CREATE SCHEMA IF NOT EXISTS \(unescaped: s)")
                _ = try exec(
                    """
                    CREATE TABLE IF NOT EXISTS \(unescaped: s).keepsafe_schema (
                        version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                    """)
                let rows = try exec("SELECT coalesce(max(version), 0)::int8 FROM \(unescaped: s).keepsafe_schema")
                let from = try rows.first.map { Int(try $0.decode(Int64.self)) } ?? 0
                guard from <= PostgresSchema.latestVersion else {
                    throw StoreError.unsupportedVersion(
                        file: location + " keepsafe_schema", found: from, supported: PostgresSchema.latestVersion)
                }
                for version in (from + 1)..<(PostgresSchema.latestVersion + 1) {
                    for statement in PostgresSchema.migrations[version - 1] {
                        _ = try exec(PostgresQuery(unsafeSQL: statement.replacingOccurrences(of: "S.", with: s + ".")))
                    }
                    _ = try exec("INSERT INTO \(unescaped: s).keepsafe_schema (version) VALUES (\(version))")
                }
                if from == 0 {
                    _ = try exec(
                        "INSERT INTO \(unescaped: s).policy (id, body) VALUES (1, \(ByteBuffer(bytes: policyData))) ON CONFLICT (id) DO NOTHING"
                    )
                }
                _ = try exec("COMMIT")
                return (from, PostgresSchema.latestVersion)
            } catch {
                _ = try? exec("ROLLBACK")
                throw error
            }
        }
    }

    // MARK: Transactions

    public func transaction<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try run(readOnly: false, body)
    }

    public func snapshot<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try run(readOnly: true, body)
    }

    public func auditLog() throws -> [AuditEntry] {
        let rows = try withConnection { connection in
            try connection.run(
                "SELECT line FROM \(unescaped: endpoint.quotedSchema).audit ORDER BY id", pool: pool
            )
        }
        return try rows.enumerated().map { index, row in
            let line: Data
            do { line = try row.decode(Data.self) } catch {
                throw StoreError.corrupt(file: location + " audit", reason: "line \(index + 1) is not bytes")
            }
            return try AuditLog.decodeLine(line, file: location + " audit", line: index + 1)
        }
    }

    /// Waits until a commit (from any process, on any host) changes push requests, SMS
    /// or mail, and returns that collection (`push`, `outbox/sms`, `outbox/mail`); `nil`
    /// after `timeout` seconds without one. Listening starts at the first call (or at
    /// `startListening`); changes between two calls are kept and returned by the next.
    /// - Throws: `StoreError.unreachable` when the listening connection cannot be made.
    public func waitForChange(timeout: TimeInterval) throws -> String? {
        try listener.wait(timeout: timeout)
    }

    /// Starts listening for changes now, so `waitForChange` also reports those committed
    /// before its first call.
    public func startListening() throws {
        try listener.start()
    }

    // MARK: Internals

    private struct Retry: Error {
        let error: StoreError
    }

    /// A reused connection turned out dead at BEGIN (the server restarted since it was
    /// last used): nothing ran, so the transaction starts again on a new connection.
    private struct Reconnect: Error {
        let error: any Error
    }

    private func run<T>(readOnly: Bool, _ body: (StoreTransaction) throws -> T) throws -> T {
        try withThreadRegistered {
            var attempt = 1
            var reconnected = false
            while true {
                do {
                    return try attemptOnce(readOnly: readOnly, body)
                } catch let reconnect as Reconnect {
                    guard !reconnected else { throw PostgresFailure.storeError(reconnect.error, store: location) }
                    reconnected = true
                } catch let retry as Retry {
                    guard attempt < Self.maximumAttempts else { throw retry.error }
                    attempt += 1
                    // A little random back-off so that conflicting processes fall apart.
                    usleep(UInt32.random(in: 0...UInt32(2_000 * attempt)))
                }
            }
        }
    }

    private func attemptOnce<T>(readOnly: Bool, _ body: (StoreTransaction) throws -> T) throws -> T {
        let (connection, reused) = try pool.checkOut()
        let begin: EventLoopFuture<PostgresQueryResult>
        do {
            begin = try connection.send(
                readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN ISOLATION LEVEL READ COMMITTED",
                pool: pool)
        } catch {
            pool.discard(connection)
            if reused {
                pool.discardIdle()
                throw Reconnect(error: error)
            }
            throw PostgresFailure.storeError(error, store: location)
        }
        let backend = SQLBackend(connection: connection, store: self, locksRows: !readOnly, pendingBegin: begin)
        do {
            let transaction = StoreTransaction(backend: backend, readOnly: readOnly)
            let result: T
            do {
                result = try body(transaction)
            } catch {
                // A failure the body met (or swallowed) decides: it aborted the SQL transaction.
                if let failure = backend.firstFailure { throw failure }
                throw error
            }
            if let failure = backend.firstFailure { throw failure }
            if readOnly {
                let done = try connection.send("COMMIT", pool: pool)
                try backend.awaitBegin()
                _ = try connection.answer(done, pool: pool)
            } else {
                try commit(transaction.changes, backend: backend)
            }
            pool.checkIn(connection)
            return result
        } catch {
            finish(connection, after: error)
            if reused && backend.beginLostConnection {
                pool.discardIdle()
                throw Reconnect(error: error)
            }
            if let state = PostgresFailure.sqlState(error), PostgresFailure.retryable.contains(state) {
                throw Retry(error: PostgresFailure.storeError(error, store: location))
            }
            if error is StoreError || !PostgresFailure.isDatabaseError(error) {
                throw error
            }
            throw PostgresFailure.storeError(error, store: location)
        }
    }

    /// Stages the changes on the open transaction and commits: every statement and the
    /// COMMIT are queued at once and their answers waited for in order (a lost
    /// connection fails every wait at once: see `BoundedWait`).
    private func commit(_ changes: StagedChanges, backend: SQLBackend) throws {
        let connection = backend.connection
        var statements: [PostgresQuery] = []
        for (path, data) in changes.documents {
            statements.append(try statement(path, data, backend: backend))
        }
        let s = endpoint.quotedSchema
        if let policy = changes.policy {
            statements.append(
                "INSERT INTO \(unescaped: s).policy (id, body) VALUES (1, \(ByteBuffer(bytes: policy))) ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body"
            )
        }
        for line in changes.audit {
            var trimmed = line
            if trimmed.last == 0x0A { trimmed.removeLast() }
            statements.append("INSERT INTO \(unescaped: s).audit (line) VALUES (\(ByteBuffer(bytes: trimmed)))")
        }
        let notified = Set(changes.documents.map(\.path.collection)).intersection(PostgresSchema.notifiedCollections)
        for collection in notified.sorted() {
            statements.append("SELECT pg_notify(\(endpoint.changeChannel), \(collection))")
        }
        statements.append("COMMIT")
        let answers = try statements.map { try connection.send($0, pool: pool) }
        try backend.awaitBegin()
        var lastTag = ""
        for answer in answers {
            lastTag = try connection.answer(answer, pool: pool).metadata.command
        }
        // COMMIT of an aborted transaction answers ROLLBACK without an error.
        guard lastTag == "COMMIT" else {
            throw StoreError.database(store: location, reason: "the server rolled the transaction back")
        }
    }

    private func statement(_ path: DocumentPath, _ data: Data?, backend: SQLBackend) throws -> PostgresQuery {
        let s = endpoint.quotedSchema
        let key = path.key
        switch PostgresSchema.Table(collection: path.collection) {
        case .documents:
            let collection = path.collection
            guard let data else {
                return "DELETE FROM \(unescaped: s).documents WHERE collection = \(collection) AND key = \(key)"
            }
            if backend.seenAbsent.contains(path) {
                return "INSERT INTO \(unescaped: s).documents (collection, key, body) VALUES (\(collection), \(key), \(ByteBuffer(bytes: data)))"
            }
            if backend.seenPresent.contains(path) {
                return "UPDATE \(unescaped: s).documents SET body = \(ByteBuffer(bytes: data)) WHERE collection = \(collection) AND key = \(key)"
            }
            return """
                INSERT INTO \(unescaped: s).documents (collection, key, body) VALUES (\(collection), \(key), \(ByteBuffer(bytes: data))) \
                ON CONFLICT (collection, key) DO UPDATE SET body = EXCLUDED.body
                """
        case .typed(let table, let keyColumn):
            guard let data else {
                return "DELETE FROM \(unescaped: s).\(unescaped: table) WHERE \(unescaped: keyColumn) = \(key)"
            }
            let fields = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            func text(_ name: String) -> String? { (fields[name] as? String).flatMap { $0.isEmpty ? nil : $0 } }
            var columns = [keyColumn, "body"]
            var binds = PostgresBindings()
            binds.append(key)
            binds.append(ByteBuffer(bytes: data))
            switch table {
            case "accounts":
                columns.append("company")
                binds.append(text("company"))
            case "invites":
                columns += ["company", "invited_by"]
                binds.append(text("company"))
                binds.append(text("invitedBy"))
            default:
                break
            }
            let placeholders = (1...columns.count).map { "$\($0)" }.joined(separator: ", ")
            let assignments = columns.dropFirst().map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
            let updates = columns.enumerated().dropFirst().map { "\($1) = $\($0 + 1)" }.joined(separator: ", ")
            let sql: String
            if backend.seenAbsent.contains(path) {
                sql = "INSERT INTO \(s).\(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
            } else if backend.seenPresent.contains(path) {
                sql = "UPDATE \(s).\(table) SET \(updates) WHERE \(keyColumn) = $1"
            } else {
                sql =
                    "INSERT INTO \(s).\(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders)) "
                    + "ON CONFLICT (\(keyColumn)) DO UPDATE SET \(assignments)"
            }
            return PostgresQuery(unsafeSQL: sql, binds: binds)
        }
    }

    /// Ends a failed transaction: rolls back and keeps the connection, or drops it when
    /// it is broken.
    private func finish(_ connection: PostgresConnection, after error: any Error) {
        if connection.isClosed || PostgresFailure.isConnectionLoss(error) {
            pool.discard(connection)
            return
        }
        do {
            _ = try connection.run("ROLLBACK", pool: pool)
            pool.checkIn(connection)
        } catch {
            pool.discard(connection)
        }
    }

    /// Runs `body` on a pooled connection outside any transaction.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        var (connection, reused) = try pool.checkOut()
        while true {
            do {
                let result = try body(connection)
                pool.checkIn(connection)
                return result
            } catch {
                if connection.isClosed || PostgresFailure.isConnectionLoss(error) {
                    pool.discard(connection)
                    if reused {
                        pool.discardIdle()
                        (connection, reused) = try pool.checkOut()
                        continue
                    }
                } else {
                    pool.checkIn(connection)
                }
                throw PostgresFailure.storeError(error, store: location)
            }
        }
    }

    /// Runs `body` with this thread marked as inside a transaction of this store,
    /// refusing a second one (it would wait for the row locks the first one holds).
    private func withThreadRegistered<T>(_ body: () throws -> T) throws -> T {
        let thread = UInt(pthread_self())
        let inserted = registryLock.withLock { openTransactions.insert(thread).inserted }
        guard inserted else { throw StoreError.nestedTransaction(store: location) }
        defer { _ = registryLock.withLock { openTransactions.remove(thread) } }
        return try body()
    }
}

extension PostgresStore: CollectionListing {
    public func collectionNames() throws -> [String] {
        do {
            return try withConnection { connection in
                let s = endpoint.quotedSchema
                var names: [String] = []
                for collection in PostgresSchema.typedCollections {
                    guard case .typed(let table, _) = PostgresSchema.Table(collection: collection) else { continue }
                    let rows = try connection.run(
                        "SELECT EXISTS (SELECT 1 FROM \(unescaped: s).\(unescaped: table))", pool: pool
                    )
                    if try rows.first?.decode(Bool.self) == true { names.append(collection) }
                }
                let rows = try connection.run(
                    "SELECT DISTINCT collection FROM \(unescaped: s).documents", pool: pool
                )
                names += try rows.map { try $0.decode(String.self) }
                return names.sorted()
            }
        }
    }
}
