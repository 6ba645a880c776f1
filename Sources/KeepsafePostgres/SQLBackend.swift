import Foundation
import KeepsafeStore
import NIOCore
import PostgresNIO

/// One SQL transaction's view of the committed documents.
///
/// In a write transaction every document read locks its row (`SELECT ... FOR UPDATE`):
/// a counter judged and changed in one transaction cannot be changed by another process
/// in between, on any host. It remembers which documents it saw and which it found
/// absent, so the commit inserts what was absent (two creators of one key: the second
/// fails with a unique violation and is retried) and updates what it locked.
final class SQLBackend: TransactionBackend {
    let connection: PostgresConnection
    let store: PostgresStore
    let locksRows: Bool
    private(set) var seenPresent: Set<DocumentPath> = []
    private(set) var seenAbsent: Set<DocumentPath> = []
    /// The first SQL failure met, kept even when the body swallowed it (`try?`): the
    /// transaction is then aborted and must be reported (or retried), never committed.
    private(set) var firstFailure: (any Error)?
    /// The transaction's BEGIN, sent but not yet waited for: it is answered together with
    /// the first statement queued behind it.
    private var pendingBegin: EventLoopFuture<PostgresQueryResult>?
    /// The BEGIN found the connection gone: nothing ran on it.
    private(set) var beginLostConnection = false

    init(
        connection: PostgresConnection, store: PostgresStore, locksRows: Bool,
        pendingBegin: EventLoopFuture<PostgresQueryResult>
    ) {
        self.connection = connection
        self.store = store
        self.locksRows = locksRows
        self.pendingBegin = pendingBegin
    }

    /// Waits for the BEGIN, unless done already.
    func awaitBegin() throws {
        guard let begin = pendingBegin else { return }
        pendingBegin = nil
        do {
            _ = try connection.answer(begin, pool: store.pool)
        } catch {
            beginLostConnection = PostgresFailure.isConnectionLoss(error)
            if firstFailure == nil { firstFailure = error }
            throw PostgresFailure.storeError(error, store: store.location)
        }
    }

    func committedDocument(_ path: DocumentPath) throws -> Data? {
        let s = store.endpoint.quotedSchema
        let lock = locksRows ? " FOR UPDATE" : ""
        let query: PostgresQuery
        switch PostgresSchema.Table(collection: path.collection) {
        case .typed(let table, let keyColumn):
            query = "SELECT body FROM \(unescaped: s).\(unescaped: table) WHERE \(unescaped: keyColumn) = \(path.key)\(unescaped: lock)"
        case .documents:
            query = "SELECT body FROM \(unescaped: s).documents WHERE collection = \(path.collection) AND key = \(path.key)\(unescaped: lock)"
        }
        let rows = try run(query)
        guard let row = rows.first else {
            seenAbsent.insert(path)
            return nil
        }
        seenPresent.insert(path)
        return try decode(row, displayName(path))
    }

    func committedKeys(in collection: String) throws -> [String] {
        let s = store.endpoint.quotedSchema
        let query: PostgresQuery
        switch PostgresSchema.Table(collection: collection) {
        case .typed(let table, let keyColumn):
            query = "SELECT \(unescaped: keyColumn) FROM \(unescaped: s).\(unescaped: table)"
        case .documents:
            query = "SELECT key FROM \(unescaped: s).documents WHERE collection = \(collection)"
        }
        return try run(query).map { row in
            do { return try row.decode(String.self) } catch {
                throw StoreError.database(store: store.location, reason: "a key in \(collection) is not text")
            }
        }
    }

    func committedPolicy() throws -> Data? {
        let rows = try run("SELECT body FROM \(unescaped: store.endpoint.quotedSchema).policy WHERE id = 1")
        return try rows.first.map { try decode($0, policyDisplayName) }
    }

    func displayName(_ path: DocumentPath) -> String { store.location + " " + path.collection + "/" + path.key }
    var policyDisplayName: String { store.location + " policy" }

    /// Runs one statement, remembering the first failure.
    func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        // Queued behind the BEGIN, if that is still unanswered: one wait for both.
        let future: EventLoopFuture<PostgresQueryResult>
        do {
            future = try connection.send(query, pool: store.pool)
        } catch {
            if firstFailure == nil { firstFailure = error }
            throw PostgresFailure.storeError(error, store: store.location)
        }
        try awaitBegin()
        do {
            return try connection.answer(future, pool: store.pool)
        } catch {
            if firstFailure == nil { firstFailure = error }
            throw PostgresFailure.storeError(error, store: store.location)
        }
    }

    private func decode(_ row: PostgresRow, _ file: String) throws -> Data {
        do { return try row.decode(Data.self) } catch {
            throw StoreError.corrupt(file: file, reason: "the body is not bytes")
        }
    }
}
