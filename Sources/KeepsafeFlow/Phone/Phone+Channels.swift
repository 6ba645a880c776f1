import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Phone {
    // MARK: SMS and mail

    /// Delivered SMS to `number` (E.164), newest first; lost and not-yet-delivered
    /// messages are not shown.
    /// - Complexity: O(n) in the SMS outbox.
    public func messages(to number: String) throws -> [SMSMessage] {
        let now = now()
        return try store.list(SMSMessage.self)
            .filter { $0.to == number && !$0.lost && $0.deliverAt <= now }
            .sorted { ($0.deliverAt, $0.id) > ($1.deliverAt, $1.id) }
    }

    /// The 6–8 digit code in the newest delivered SMS to `number`, if any.
    public func latestCode(to number: String) throws -> String? {
        guard let newest = try messages(to: number).first else { return nil }
        return Self.code(in: newest.body)
    }

    /// The first run of 6 to 8 digits standing alone in `body` (not touching a letter
    /// or another digit).
    static func code(in body: String) -> String? {
        let characters = Array(body)
        var index = 0
        while index < characters.count {
            guard characters[index].isASCII, characters[index].isNumber else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
            let touchesBefore =
                index > 0 && (characters[index - 1].isLetter || characters[index - 1].isNumber)
            let touchesAfter =
                end < characters.count && (characters[end].isLetter || characters[end].isNumber)
            if (6...8).contains(end - index), !touchesBefore, !touchesAfter {
                return String(characters[index..<end])
            }
            index = end
        }
        return nil
    }

    /// Mail to `email` (any case), newest first.
    /// - Complexity: O(n) in the mail outbox.
    public func mail(to email: String) throws -> [MailMessage] {
        let wanted = email.lowercased()
        return try store.list(MailMessage.self)
            .filter { $0.to.lowercased() == wanted }
            .sorted { ($0.sentAt, $0.id) > ($1.sentAt, $1.id) }
    }

    // MARK: Push log-in requests

    /// Open log-in requests for this phone's push enrollments, newest first.
    public func pendingPushRequests() throws -> [PushRequest] {
        let factors = Set(try accounts().filter { $0.kind == .push }.compactMap(\.factorID))
        let now = now()
        return try store.list(PushRequest.self)
            .filter { $0.kind == .login && factors.contains($0.factorID) && $0.isOpen(at: now) }
            .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    /// Approves the request `id` (default: the newest pending one). When the portal
    /// asks for number matching, `number` must be the number it shows; a wrong pick
    /// denies the request, as real push apps do.
    /// - Throws: `PhoneError.noPendingRequest`, `requestNotFound`, `requestClosed`,
    ///   `numberMismatch`, or a store error.
    public func approve(_ id: String? = nil, number: Int? = nil) throws {
        try answer(id, approve: true, number: number)
    }

    /// Denies the request `id` (default: the newest pending one). A deny is final.
    /// - Throws: like `approve`.
    public func deny(_ id: String? = nil) throws {
        try answer(id, approve: false, number: nil)
    }

    private func answer(_ id: String?, approve: Bool, number: Int?) throws {
        let pending = try pendingPushRequests()
        let target: PushRequest
        if let id {
            guard let found = pending.first(where: { $0.id == id }) else {
                throw PhoneError.requestNotFound(id)
            }
            target = found
        } else {
            guard let newest = pending.first else { throw PhoneError.noPendingRequest }
            target = newest
        }
        let now = now()
        let mismatch: PhoneError? = try store.transaction { tx in
            let device = try pushDeviceIdentity(tx)
            return try tx.update(PushRequest.self, key: target.id) { request in
                guard var current = request, current.isOpen(at: now) else {
                    throw PhoneError.requestClosed(target.id)
                }
                var failure: PhoneError?
                if approve, let expected = current.numberToMatch, number != expected {
                    current.status = .denied
                    failure = .numberMismatch(expected: expected, given: number)
                } else {
                    current.status = approve ? .approved : .denied
                }
                current.respondedAt = now
                current.pushDeviceID = device.deviceID
                current.pushDeviceName = device.name
                request = current
                return failure
            }
        }
        if let mismatch { throw mismatch }
    }
}
