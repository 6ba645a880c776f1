import Foundation

/// Where a PostgreSQL store is: a `postgres://` (or `postgresql://`) URL with libpq's
/// environment variables filling what the URL leaves out.
///
///     postgres://keepsafe:secret@db.example.com:5432/keepsafe?sslmode=verify-full
///     postgres:///keepsafe?schema=qa_17         (host, user... from PGHOST, PGUSER...)
///
/// Query parameters: `sslmode` (`disable`, `prefer`, `require`, `verify-full`; the
/// default is `prefer`, as libpq's) and `schema` (the PostgreSQL schema that holds the
/// store's tables, default `public`, so one database can hold several stores).
/// `description` never shows the password.
public struct PostgresEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is protected (libpq's `sslmode` values that make sense here).
    public enum SSLMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without verifying it; plain otherwise.
        case prefer
        /// TLS always, without verifying the certificate (encryption only).
        case require
        /// TLS always, verifying the certificate chain and the host name.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// The schema holding the store's tables: lowercase letters, digits and `_`.
    public var schema: String

    /// Whether `text` names a PostgreSQL store rather than a folder.
    public static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Parses `url`, taking `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE` and
    /// `PGSSLMODE` from `environment` for what it leaves out (then `localhost`, 5432, the
    /// login name, and the user name as the database, as libpq does).
    /// - Throws: `PostgresEndpoint.Invalid` naming the part at fault (never the password).
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(url), let components = URLComponents(string: url) else {
            throw Invalid(reason: "not a postgres:// URL")
        }
        func env(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard let value = item.value else { throw Invalid(reason: "query parameter \(item.name) has no value") }
            parameters[item.name] = value
        }
        for name in parameters.keys where !["sslmode", "schema"].contains(name) {
            throw Invalid(reason: "unknown query parameter \(name.debugDescription) (sslmode and schema are known)")
        }
        let host = components.percentEncodedHost.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
        self.host = host ?? env("PGHOST") ?? "localhost"
        if self.host.hasPrefix("/") {
            throw Invalid(reason: "Unix-domain sockets are not supported: give a host name or address")
        }
        if let port = components.port {
            self.port = port
        } else if let text = env("PGPORT") {
            guard let port = Int(text) else { throw Invalid(reason: "PGPORT \(text.debugDescription) is not a port") }
            self.port = port
        } else {
            self.port = 5432
        }
        guard (1...65_535).contains(port) else { throw Invalid(reason: "port \(port) is out of range") }
        let user = components.percentEncodedUser.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
        self.user = user ?? env("PGUSER") ?? ProcessInfo.processInfo.userName
        let password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.password = password ?? env("PGPASSWORD")
        let path = components.percentEncodedPath.drop { $0 == "/" }
        let database = String(path).removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
        self.database = database ?? env("PGDATABASE") ?? self.user
        if database?.contains("/") == true { throw Invalid(reason: "the database name may not contain /") }
        let mode = parameters["sslmode"] ?? env("PGSSLMODE") ?? SSLMode.prefer.rawValue
        guard let sslMode = SSLMode(rawValue: mode) else {
            throw Invalid(
                reason: "sslmode \(mode.debugDescription) is not one of "
                    + SSLMode.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self.sslMode = sslMode
        let schema = parameters["schema"] ?? "public"
        guard Self.isPlainIdentifier(schema) else {
            throw Invalid(
                reason: "schema \(schema.debugDescription) must be 1 to 63 lowercase letters, digits or _, not starting with a digit")
        }
        self.schema = schema
    }

    /// The URL without the password: `postgres://user@host:port/db?sslmode=...`, plus
    /// `&schema=...` when it is not `public`.
    public var description: String {
        var text = "postgres://\(Self.encode(user))@\(host.contains(":") ? "[\(host)]" : host):\(port)/"
        text += Self.encode(database) + "?sslmode=" + sslMode.rawValue
        if schema != "public" { text += "&schema=" + schema }
        return text
    }

    /// The NOTIFY channel commits to this store's messages and push requests signal.
    public var changeChannel: String {
        schema == "public" ? "keepsafe_changes" : "keepsafe_changes_" + schema
    }

    /// `schema` as it appears in SQL (always quoted; validated to hold nothing to escape).
    var quotedSchema: String { "\"" + schema + "\"" }

    /// Lowercase ASCII letters, digits and `_`, not starting with a digit, at most 63.
    static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, (1...63).contains(text.utf8.count), !(48...57).contains(first) else {
            return false
        }
        return text.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.urlUserAllowed
        allowed.remove(charactersIn: ":@/?#[]")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// A URL that cannot name a store.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public var reason: String
        public var description: String { "invalid store URL: \(reason)" }
    }
}
