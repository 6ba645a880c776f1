import Foundation

/// The PostgreSQL server tests of the database engine run against:
/// `KEEPSAFE_TEST_POSTGRES=postgres://...` (`.ci/run` starts a throwaway cluster and
/// sets it). Without it those tests are skipped with one line saying so; under
/// `KEEPSAFE_REQUIRE_INTEROP=1` they run and fail instead.
public enum TestPostgres {
    /// The server's URL, if one is configured.
    public static var url: String? {
        ProcessInfo.processInfo.environment["KEEPSAFE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether tests needing the server should run (and fail if it is missing).
    public static var shouldRun: Bool { url != nil || PeerTools.interopRequired }

    /// The one-line skip reason.
    public static let skipReason =
        "needs a PostgreSQL server: set KEEPSAFE_TEST_POSTGRES=postgres://... (.ci/run starts one)"

    /// A URL naming a store of its own on the server: a fresh schema, so tests never meet.
    /// - Throws: `Missing` when no server is configured.
    public static func freshStoreURL(_ label: String = "t") throws -> String {
        guard let url else { throw Missing() }
        let schema = "ks_\(label)_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        return url + (url.contains("?") ? "&" : "?") + "schema=" + schema
    }

    /// No server configured.
    public struct Missing: Error, CustomStringConvertible {
        public init() {}
        public var description: String {
            "KEEPSAFE_TEST_POSTGRES is not set: no PostgreSQL server to test against"
        }
    }
}
