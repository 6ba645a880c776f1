import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Wrong codes, factor lockout and the life of a sent code (section 3 of PRODUCT.md).
public enum CodePolicy {
    /// The state of a sent-code challenge at `now`.
    public enum ChallengeState: Sendable, Equatable {
        case open
        case expired
        /// Too many wrong codes: a new code must be sent.
        case voided
        /// Already accepted once.
        case used
    }

    /// Whether `challenge` can still accept a code.
    public static func state(of challenge: CodeChallenge, now: Date, policy: Policy.WrongCodes)
        -> ChallengeState
    {
        if challenge.used { return .used }
        if challenge.wrongAttempts >= policy.perChallenge { return .voided }
        if now >= challenge.expiresAt { return .expired }
        return .open
    }

    /// The end of the factor's lock, or nil when it may be used now.
    public static func lockedUntil(_ factor: Factor, now: Date) -> Date? {
        guard let until = factor.lockedUntil, until > now else { return nil }
        return until
    }

    /// Counts one wrong code against the factor; returns the lock's end when it locks.
    @discardableResult
    public static func recordWrongCode(_ factor: inout Factor, policy: Policy.WrongCodes, now: Date) -> Date?
    {
        factor.consecutiveFailures += 1
        guard factor.consecutiveFailures >= policy.lockAfter else { return nil }
        factor.consecutiveFailures = 0
        let until = now.addingTimeInterval(TimeInterval(policy.lockSeconds))
        factor.lockedUntil = until
        return until
    }

    /// A correct code: the failure counter starts again.
    public static func recordSuccess(_ factor: inout Factor) {
        factor.consecutiveFailures = 0
        factor.lockedUntil = nil
    }
}

/// Rate limits on sending: SMS codes (cooldown and per-hour cap) and push requests.
public enum SendPolicy {
    /// Whether something may be sent now.
    public enum Decision: Sendable, Equatable {
        case allowed
        /// The resend cooldown runs until then.
        case coolingDown(until: Date)
        /// The per-window cap is reached until then.
        case rateLimited(until: Date)
    }

    /// Decides an SMS send given the account's recent sends. The resend cooldown guards a
    /// code still waiting to be typed (`awaitingCode`); a first code (the log-in right
    /// after an enrollment, say) is held only by the hourly cap.
    public static func sms(sentAt: [Date], now: Date, policy: Policy.SMS, awaitingCode: Bool = true) -> Decision {
        if awaitingCode, let last = sentAt.max() {
            let ready = last.addingTimeInterval(TimeInterval(policy.resendCooldownSeconds))
            if ready > now { return .coolingDown(until: ready) }
        }
        return capped(sentAt: sentAt, now: now, window: 3600, limit: policy.maxSendsPerHour)
    }

    /// Decides a push log-in request given the account's recent requests.
    public static func push(requestedAt: [Date], now: Date, policy: Policy.Push) -> Decision {
        capped(
            sentAt: requestedAt, now: now, window: TimeInterval(policy.rateWindowSeconds),
            limit: policy.maxRequests)
    }

    /// Only the sends inside the last `window` seconds (what the account keeps).
    public static func recent(_ sentAt: [Date], now: Date, window: TimeInterval) -> [Date] {
        sentAt.filter { now.timeIntervalSince($0) < window }
    }

    private static func capped(sentAt: [Date], now: Date, window: TimeInterval, limit: Int) -> Decision {
        let inWindow = recent(sentAt, now: now, window: window).sorted()
        guard inWindow.count >= limit, let oldest = inWindow.dropLast(limit - 1).last else { return .allowed }
        return .rateLimited(until: oldest.addingTimeInterval(window))
    }
}
