import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Keeping the simulated SMS outbox from becoming a store of codes.
extension EffectRunner {
    /// Deletes the SMS messages whose code has expired (sent longer ago than the code's
    /// lifetime plus the simulated delivery delay). An SMS body holds its code in plain
    /// text, as a real SMS does; the account keeps only the code's hash, and the outbox
    /// keeps the text only while the code could still be used.
    ///
    /// - Complexity: O(n) in the outbox's keys, read from the ids alone (they start with
    ///   the send time, so the walk stops at the first live message); no document is read.
    func purgeExpiredSMS() throws {
        let lifetime = TimeInterval(policy.sms.lifetimeSeconds + policy.sms.deliveryDelaySeconds)
        let now = self.now
        for key in try store.keys(of: SMSMessage.self) {
            guard let sent = Outbox.sentTime(ofMessageID: key) else { continue }
            guard sent.addingTimeInterval(lifetime) <= now else { break }
            try store.delete(SMSMessage.self, key: key)
        }
    }
}
