import Foundation

/// The store's tables, created and upgraded by numbered migrations recorded in
/// `keepsafe_schema` (one row per applied version).
///
/// Documents are kept as the exact JSON bytes the file store writes (`body bytea`); the
/// columns beside them duplicate the fields the database checks: one account per
/// lowercased email, invitations pointing at an existing company and inviter (checked
/// at commit, so one transaction can create both), and an append-only audit log.
enum PostgresSchema {
    /// The newest schema version this build knows.
    static var latestVersion: Int { migrations.count }

    /// Migration N is `migrations[N - 1]`: statements run in one transaction. `S` stands
    /// for the quoted schema name.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE S.companies (
                id text PRIMARY KEY,
                body bytea NOT NULL)
            """,
            """
            CREATE TABLE S.accounts (
                email text PRIMARY KEY CONSTRAINT account_email_lowercase CHECK (email = lower(email)),
                company text,
                body bytea NOT NULL)
            """,
            "CREATE INDEX accounts_company ON S.accounts (company)",
            """
            CREATE TABLE S.invites (
                email text PRIMARY KEY CONSTRAINT invite_email_lowercase CHECK (email = lower(email)),
                company text NOT NULL CONSTRAINT invite_company REFERENCES S.companies (id)
                    DEFERRABLE INITIALLY DEFERRED,
                invited_by text NOT NULL CONSTRAINT invite_inviter REFERENCES S.accounts (email)
                    DEFERRABLE INITIALLY DEFERRED,
                body bytea NOT NULL)
            """,
            """
            CREATE TABLE S.documents (
                collection text NOT NULL,
                key text NOT NULL,
                body bytea NOT NULL,
                PRIMARY KEY (collection, key))
            """,
            """
            CREATE TABLE S.policy (
                id int PRIMARY KEY CONSTRAINT single_policy CHECK (id = 1),
                body bytea NOT NULL)
            """,
            """
            CREATE TABLE S.audit (
                id bigserial PRIMARY KEY,
                line bytea NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE FUNCTION S.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
            END
            $$
            """,
            """
            CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON S.audit
                FOR EACH ROW EXECUTE FUNCTION S.audit_append_only()
            """,
            """
            CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON S.audit
                FOR EACH STATEMENT EXECUTE FUNCTION S.audit_append_only()
            """,
        ]
    ]

    /// Where a collection lives.
    enum Table {
        /// `accounts`, `companies`, `invites`: one table each, keyed by the record key.
        case typed(name: String, keyColumn: String)
        /// Everything else: `documents`, keyed by (collection, key).
        case documents

        init(collection: String) {
            switch collection {
            case "accounts": self = .typed(name: "accounts", keyColumn: "email")
            case "companies": self = .typed(name: "companies", keyColumn: "id")
            case "invites": self = .typed(name: "invites", keyColumn: "email")
            default: self = .documents
            }
        }
    }

    /// The collections with a table of their own.
    static let typedCollections = ["accounts", "companies", "invites"]

    /// Collections whose commits NOTIFY waiting portals and phones.
    static let notifiedCollections: Set<String> = ["push", "outbox/sms", "outbox/mail"]
}
