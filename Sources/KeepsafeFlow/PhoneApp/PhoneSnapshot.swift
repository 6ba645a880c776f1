import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the phone read from the store at its last poll.
struct PhoneSnapshot {
    var entries: [AuthenticatorEntry] = []
    /// Delivered SMS for the phone's numbers (every number when it has none), newest first.
    var sms: [SMSMessage] = []
    /// Mail for the phone's addresses (every address when it has none), newest first.
    var mail: [MailMessage] = []
    var prompts: [PushPrompt] = []
    /// The phone's time (with skew) and the shared clock's time.
    var phoneTime = Date(timeIntervalSince1970: 0)
    var portalTime = Date(timeIntervalSince1970: 0)
    /// A store failure met while reading, shown on screen instead of stopping the phone.
    var failure: String?

    /// Reads everything the phone shows.
    /// - Complexity: O(n) in the outboxes and the push collection.
    static func read(_ phone: Phone, numbers: [String], emails: [String]) -> PhoneSnapshot {
        var snapshot = PhoneSnapshot()
        snapshot.phoneTime = phone.phoneTime
        snapshot.portalTime = phone.portalTime
        do {
            snapshot.entries = try phone.entries(at: snapshot.phoneTime)
            snapshot.sms = try phone.deliveredMessages(to: numbers)
            snapshot.mail = try phone.mail(to: emails)
            snapshot.prompts = try phone.pushPrompts()
        } catch {
            snapshot.failure = "\(error)"
        }
        return snapshot
    }
}

extension Phone {
    /// Delivered SMS to any of `numbers` (to every number when empty), newest first.
    /// - Complexity: O(n) in the SMS outbox.
    func deliveredMessages(to numbers: [String]) throws -> [SMSMessage] {
        let now = portalTime
        let wanted = Set(numbers)
        return try store.list(SMSMessage.self)
            .filter { (wanted.isEmpty || wanted.contains($0.to)) && !$0.lost && $0.deliverAt <= now }
            .sorted { ($0.deliverAt, $0.id) > ($1.deliverAt, $1.id) }
    }

    /// Mail to any of `emails` (to every address when empty), newest first.
    /// - Complexity: O(n) in the mail outbox.
    func mail(to emails: [String]) throws -> [MailMessage] {
        let wanted = Set(emails.map { $0.lowercased() })
        return try store.list(MailMessage.self)
            .filter { wanted.isEmpty || wanted.contains($0.to.lowercased()) }
            .sorted { ($0.sentAt, $0.id) > ($1.sentAt, $1.id) }
    }
}
