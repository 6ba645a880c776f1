import KeepsafeBase
import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The outbox records the portal and the admin commands write, made one way.
public enum Outbox {
    /// A sortable unique id for outbox records: the time in milliseconds and a random suffix.
    public static func messageID(at now: Date) -> String {
        formatted("%014.0f", (now.timeIntervalSince1970 * 1000).rounded(.down)) + "-"
            + Secrets.identifier(byteCount: 6)
    }

    /// The mail of the security notice `name` (F9): `mail.NAME.subject` and `mail.NAME.body`
    /// from the strings with the portal name filled in, and the footer appended.
    public static func noticeMail(
        _ name: String, to email: String, values: [String: String] = [:], brand: Brand, strings: Strings,
        at now: Date
    ) -> MailMessage {
        var values = values
        values["portal"] = brand.portalName
        let body = strings.format("mail.\(name).body", values) + "\n\n" + strings["mail.footer"]
        return MailMessage(
            id: messageID(at: now), to: email, subject: strings.format("mail.\(name).subject", values),
            body: body, sentAt: now)
    }
}
