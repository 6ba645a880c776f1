import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The phone's own words. The phone is a stand-in for a real device, not part of the
/// portal being simulated, so its texts live here rather than in the portal's strings file.
enum PhoneText {
    static let title = "Phone"
    static let noScanner =
        "No portal is beside this phone: paste the URI with Add account, or run keepsafe --with-phone."
    static let nothingToScan = "The portal shows no QR code right now."
    static let pasteFirst = "Paste the otpauth:// URI the QR code encodes, or type the push code, first."
    static let accountAdded = "Added "
    static let pushEnrolled = "Push notifications on for "
    static let typeTheNumber = "Type the number the portal shows, then Approve."
    static let approved = "Approved: the portal lets you in."
    static let denied = "Denied: the portal refuses this log-in."
    static let noAccounts = "No accounts yet. Scan the portal's QR code or paste its URI."
    static let noSMS = "No messages yet."
    static let noMail = "No mail yet."
    static let noPrompts = "No log-in requests. They appear here when the portal asks."
    static let skewExplained =
        "A phone whose clock runs fast or slow shows codes of another time step: the portal "
        + "still accepts one step either side and says when your clock seems off."

    static func clockSet(_ seconds: TimeInterval) -> String {
        seconds == 0 ? "The phone's clock is right again." : "The phone's clock now runs \(skew(seconds))."
    }

    /// `90 s fast`, `30 s slow`, `right`.
    static func skew(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        if whole == 0 { return "on time" }
        return whole > 0 ? "\(whole) s fast" : "\(-whole) s slow"
    }

    /// `09:41:05` in UTC (the store's times are UTC; the demo shows them as such).
    static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return formatted("%02d:%02d:%02d", day / 3600, day / 60 % 60, day % 60)
    }

    /// `1 account`, `3 accounts`, `no mail`.
    static func count(_ number: Int, _ noun: String) -> String {
        if number == 0 { return "no " + noun }
        return number == 1 || noun == "SMS" || noun == "mail" ? "\(number) \(noun)" : "\(number) \(noun)s"
    }

    /// A bar of `width` cells, `left` of `period` filled: the countdown to the next code.
    static func countdown(_ left: Int, of period: Int, width: Int = 10, ascii: Bool = false) -> String {
        let filled = period > 0 ? min(width, max(0, (left * width + period - 1) / period)) : 0
        let (on, off) = ascii ? ("#", ".") : ("█", "░")
        return String(repeating: on, count: filled) + String(repeating: off, count: width - filled)
    }

    /// `123 456`, `1234 5678`: a code split in two halves for reading aloud.
    static func grouped(_ code: String) -> String {
        guard code.count >= 6 else { return code }
        let half = code.count / 2
        return String(code.prefix(half)) + " " + String(code.suffix(code.count - half))
    }
}
