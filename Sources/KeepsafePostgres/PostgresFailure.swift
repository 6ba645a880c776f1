import Foundation
import KeepsafeStore
import NIOCore
import PostgresNIO

/// How a postgres-nio failure becomes a one-line `StoreError`, and which failures a
/// transaction retries.
enum PostgresFailure {
    /// SQLSTATEs after which the whole transaction body runs again: a serialization
    /// failure, a deadlock, and a unique violation (two creators of one key: the second,
    /// retried, sees the first's row and reports `alreadyExists`).
    static let retryable: Set<String> = ["40001", "40P01", "23505"]

    /// The SQLSTATE of a server error, if `error` is one.
    static func sqlState(_ error: any Error) -> String? {
        guard let error = error as? PSQLError, error.code == .server else { return nil }
        return error.serverInfo?[.sqlState]
    }

    /// Whether `error` means the connection is gone (or never came): the server went
    /// away, restarted, or shut the session down.
    static func isConnectionLoss(_ error: any Error) -> Bool {
        if error is ConnectionLost { return true }
        if let state = sqlState(error) {
            // Class 08 (connection exception), 57P01..57P03 (admin/crash shutdown, cannot
            // connect now).
            return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
        }
        if let error = error as? PSQLError {
            switch error.code {
            case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown,
                .messageDecodingFailure, .unexpectedBackendMessage:
                return true
            default:
                return false
            }
        }
        return error is IOError || error is ChannelError || error is NIOConnectionError
    }

    /// Whether `error` comes from the database or the network (rather than from a
    /// transaction body, which is passed on as it is).
    static func isDatabaseError(_ error: any Error) -> Bool {
        error is PSQLError || error is IOError || error is ChannelError || error is ConnectionLost
            || error is NIOConnectionError
    }

    /// One line naming the store and the reason, never the password nor the query.
    static func storeError(_ error: any Error, store: String, connecting: Bool = false) -> StoreError {
        if let error = error as? StoreError { return error }
        let reason = describe(error)
        if connecting || isConnectionLoss(error) {
            return .unreachable(store: store, reason: reason)
        }
        return .database(store: store, reason: reason)
    }

    /// A short reason: the server's message and SQLSTATE, or the network error.
    static func describe(_ error: any Error) -> String {
        if let error = error as? ConnectionLost { return error.reason }
        if let error = error as? PSQLError {
            if let info = error.serverInfo, let message = info[.message] {
                return oneLine(message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""))
            }
            if let underlying = error.underlying { return describe(underlying) }
            switch error.code {
            case .serverClosedConnection, .uncleanShutdown: return "the server closed the connection"
            case .clientClosedConnection: return "the connection was closed"
            case .sslUnsupported: return "the server does not support TLS (sslmode requires it)"
            case .authMechanismRequiresPassword: return "the server asks for a password and none was given"
            case .unsupportedAuthMechanism: return "the server asks for an authentication method keepsafe does not support"
            case .saslError: return "SCRAM authentication failed"
            default: return "database error \(error.code)"
            }
        }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first { return describe(first.error) }
            if error.dnsAAAAError != nil || error.dnsAError != nil { return "cannot resolve \(error.host)" }
            return "cannot connect to \(error.host):\(error.port)"
        }
        if let error = error as? IOError { return oneLine(String(cString: strerror(error.errnoCode))) }
        if let error = error as? NIOSSLError { return "TLS failed: \(oneLine(String(describing: error)))" }
        if let error = error as? BoringSSLError { return "TLS failed: \(oneLine(String(describing: error)))" }
        if error is ChannelError { return "the connection was lost" }
        return oneLine(String(describing: error))
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
