#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A store that can tell a waiting process when another one committed a change it may
/// be waiting for (a push approval, an SMS, a mail), so a screen waiting for the phone
/// moves on at once instead of at its next poll.
///
/// The database engine has it (PostgreSQL's LISTEN/NOTIFY); the file store does not, and
/// its readers keep polling. Polling stays as the fallback either way: a change is
/// always found by the next poll, a notification only makes it sooner.
public protocol ChangeNotifying: AnyObject, Sendable {
    /// Waits until a commit (from any process, on any host) changes push requests, SMS
    /// or mail, and returns that collection; `nil` after `timeout` seconds without one.
    /// - Throws: `StoreError.unreachable` when the store cannot be listened to.
    func waitForChange(timeout: TimeInterval) throws -> String?
}
