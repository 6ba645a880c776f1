// keepsafe-store-torture: child processes for the store's concurrency and crash tests.
//
//   keepsafe-store-torture transactions STORE WORKER COUNT START
//       COUNT times: +1 on shared@example.com's failedLogins and on
//       worker-WORKER@example.com's (created on first use); starts at unix time START.
//   keepsafe-store-torture create STORE EMAIL START
//       creates EMAIL's account; prints "created" (exit 0) or "already exists" (exit 4).
//   keepsafe-store-torture write-loop STORE
//       rewrites crash@example.com as generation n+1, n+2... forever, appending an audit
//       line and creating or deleting an invitation as it goes; prints each finished
//       generation on stdout.
//   keepsafe-store-torture populate STORE
//       one record of every kind, a policy change and an audit line.
//   keepsafe-store-torture signup-loop STORE WORKER
//       sign-ups forever, each one transaction of a company, an account, a mail and an
//       audit line; prints each committed number.
//
// STORE is a folder, or a postgres:// URL for the database engine.
import Foundation
import KeepsafePostgres
import KeepsafeStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

func waitUntil(_ argument: String) {
    guard let start = Double(argument) else { return }
    let delay = start - Date().timeIntervalSince1970
    if delay > 0 { Thread.sleep(forTimeInterval: delay) }
}

func account(_ email: String, generation: Int = 0) -> Account {
    var account = Account(
        email: email, displayName: "generation \(generation)", company: "acme",
        passwordHash: "$pbkdf2-sha256$i=1000$c2FsdA$aGFzaA",
        createdAt: Date(timeIntervalSince1970: 1_777_626_000))
    account.failedLogins = generation
    // A size that changes with the generation, so old and new documents differ in length.
    account.smsSentAt = (0..<(generation % 40)).map { Date(timeIntervalSince1970: Double($0)) }
    return account
}

func run(_ arguments: [String]) throws -> Int32 {
    guard arguments.count >= 2 else { return 2 }
    let store: any DocumentStore =
        PostgresEndpoint.isURL(arguments[1])
        ? try PostgresStore(url: arguments[1], initialPolicy: .testing())
        : try FileStore(path: arguments[1], initialPolicy: .testing())
    switch arguments[0] {
    case "transactions" where arguments.count == 5:
        guard let count = Int(arguments[3]) else { return 2 }
        waitUntil(arguments[4])
        let own = "worker-\(arguments[2])@example.com"
        for _ in 0..<count {
            try store.update(Account.self, key: "shared@example.com") { $0?.failedLogins += 1 }
            try store.update(Account.self, key: own) { record in
                if record == nil { record = account(own) }
                record?.failedLogins += 1
            }
        }
        return 0
    case "create" where arguments.count == 4:
        waitUntil(arguments[3])
        do {
            try store.create(account(arguments[2]))
            say("created")
            return 0
        } catch StoreError.alreadyExists {
            say("already exists")
            return 4
        }
    case "write-loop":
        // Continue from the generation on disk, so the numbers printed are absolute.
        var generation = try store.read(Account.self, key: "crash@example.com")?.failedLogins ?? 0
        while true {
            generation += 1
            let next = generation
            try store.update(Account.self, key: "crash@example.com") {
                $0 = account("crash@example.com", generation: next)
            }
            try store.appendAudit(
                AuditEntry(time: Date(), event: "torture.generation", account: nil, detail: ["n": "\(next)"]))
            if next % 3 == 0 {
                try store.update(Invitation.self, key: "invitee@example.com") { invitation in
                    invitation =
                        invitation == nil
                        ? Invitation(
                            email: "invitee@example.com", invitedBy: "crash@example.com", company: "acme",
                            createdAt: Date())
                        : nil
                }
            }
            say("\(next)")
        }
    case "signup-loop" where arguments.count == 3:
        var number = 0
        while true {
            number += 1
            let email = "w\(arguments[2])-\(number)@example.com"
            let company = "c\(arguments[2])-\(number)"
            try store.transaction { tx in
                try tx.create(Company(id: company, name: company, createdAt: Date()))
                var record = account(email)
                record.company = company
                try tx.create(record)
                try tx.create(MailMessage(id: email, to: email, subject: "Welcome", body: "hello", sentAt: Date()))
                try tx.appendAudit(AuditEntry(time: Date(), event: "account.created", account: email))
            }
            say("\(number)")
        }
    case "populate":
        try store.create(Company(id: "acme", name: "Acme", createdAt: Date()))
        try store.create(account("alice@example.com", generation: 1))
        try store.create(
            Invitation(
                email: "bob@example.com", invitedBy: "alice@example.com", company: "acme", createdAt: Date()))
        try store.create(
            SMSMessage(id: "m1", to: "+15551234567", body: "hello", sentAt: Date(), deliverAt: Date()))
        try store.create(
            MailMessage(id: "m1", to: "alice@example.com", subject: "Hi", body: "hello", sentAt: Date()))
        try store.create(
            PushRequest(
                id: "p1", kind: .login, account: "alice@example.com", factorID: "f1", createdAt: Date(),
                expiresAt: Date().addingTimeInterval(300), device: "laptop", place: "here"))
        var policy = try store.policy()
        policy.sms.deliveryDelaySeconds = 1
        try store.writePolicy(policy)
        try store.appendAudit(
            AuditEntry(time: Date(), event: "torture.populated", account: "alice@example.com"))
        return 0
    default:
        return 2
    }
}

do {
    exit(try run(Array(CommandLine.arguments.dropFirst())))
} catch {
    FileHandle.standardError.write(Data("keepsafe-store-torture: \(error)\n".utf8))
    exit(3)
}
