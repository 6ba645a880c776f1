import Foundation
import KeepsafePostgres
import Testing

/// Store URLs: the URL's parts win, libpq's variables fill the gaps, the password never
/// shows.
@Suite("PostgreSQL store URLs")
struct PostgresEndpointTests {
    @Test("every part from the URL, and the password is not in the description")
    func fullURL() throws {
        let endpoint = try PostgresEndpoint(
            url: "postgresql://team:s3cr%40t@db.example.com:6543/keepsafe?sslmode=verify-full&schema=qa_1",
            environment: ["PGPASSWORD": "other", "PGHOST": "elsewhere"])
        #expect(endpoint.host == "db.example.com")
        #expect(endpoint.port == 6543)
        #expect(endpoint.user == "team")
        #expect(endpoint.password == "s3cr@t")
        #expect(endpoint.database == "keepsafe")
        #expect(endpoint.sslMode == .verifyFull)
        #expect(endpoint.schema == "qa_1")
        #expect(endpoint.description == "postgres://team@db.example.com:6543/keepsafe?sslmode=verify-full&schema=qa_1")
        #expect(!endpoint.description.contains("s3cr"))
        #expect(endpoint.changeChannel == "keepsafe_changes_qa_1")
    }

    @Test("libpq's variables fill what the URL leaves out")
    func environmentFallbacks() throws {
        let environment = [
            "PGHOST": "pg.internal", "PGPORT": "5433", "PGUSER": "ops", "PGPASSWORD": "pw",
            "PGDATABASE": "portal", "PGSSLMODE": "require",
        ]
        let endpoint = try PostgresEndpoint(url: "postgres://", environment: environment)
        #expect(endpoint.host == "pg.internal")
        #expect(endpoint.port == 5433)
        #expect(endpoint.user == "ops")
        #expect(endpoint.password == "pw")
        #expect(endpoint.database == "portal")
        #expect(endpoint.sslMode == .require)
        #expect(endpoint.schema == "public")
        #expect(endpoint.changeChannel == "keepsafe_changes")
        #expect(endpoint.description == "postgres://ops@pg.internal:5433/portal?sslmode=require")
        // The URL's own parts win over the variables.
        let mixed = try PostgresEndpoint(url: "postgres://me@h/db?sslmode=disable", environment: environment)
        #expect(mixed.user == "me")
        #expect(mixed.host == "h")
        #expect(mixed.port == 5433)
        #expect(mixed.database == "db")
        #expect(mixed.sslMode == .disable)
        #expect(mixed.password == "pw")
    }

    @Test("the defaults: localhost, 5432, prefer, the user's name as the database")
    func defaults() throws {
        let endpoint = try PostgresEndpoint(url: "postgres://ann@/", environment: [:])
        #expect(endpoint.host == "localhost")
        #expect(endpoint.port == 5432)
        #expect(endpoint.database == "ann")
        #expect(endpoint.sslMode == .prefer)
        #expect(endpoint.password == nil)
    }

    @Test(
        "bad URLs are refused with a reason that never holds the password",
        arguments: [
            "postgres://u:hunter2@h/db?sslmode=maybe", "postgres://u:hunter2@h/db?schema=Bad-Name",
            "postgres://u:hunter2@h/db?color=blue", "postgres://u:hunter2@h:99999/db", "mysql://u:hunter2@h/db",
        ])
    func invalid(url: String) {
        do {
            _ = try PostgresEndpoint(url: url, environment: [:])
            Issue.record("\(url) was accepted")
        } catch {
            #expect(error is PostgresEndpoint.Invalid)
            #expect(!"\(error)".contains("hunter2"))
            #expect(!"\(error)".contains("\n"))
        }
    }

    @Test("only postgres:// and postgresql:// name a database")
    func detection() {
        #expect(PostgresEndpoint.isURL("postgres://h/db"))
        #expect(PostgresEndpoint.isURL("POSTGRESQL://h/db"))
        #expect(!PostgresEndpoint.isURL("/var/lib/keepsafe"))
        #expect(!PostgresEndpoint.isURL("postgres"))
    }
}
