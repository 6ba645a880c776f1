extension Policy {
    /// Values a real (non-sandbox) store must not weaken, each with its source. A sandbox
    /// may lower them (a cheap hash makes demos and tests fast); `store check` reports
    /// them as problems everywhere else.
    ///
    /// - Returns: one sentence per value below its floor; empty when none is.
    public func weaknesses() -> [String] {
        var found: [String] = []
        func floor(_ holds: Bool, _ message: String) { if !holds { found.append(message) } }
        // OWASP Password Storage Cheat Sheet, which ASVS 5.0 V11.4 defers to:
        // PBKDF2-HMAC-SHA256 with at least 600,000 iterations.
        floor(
            password.iterations >= 600_000,
            "password.iterations is \(password.iterations), below 600000 for PBKDF2-HMAC-SHA256 (ASVS 5.0 V11.4, OWASP)"
        )
        // NIST SP 800-63B §3.1.1.2 (rev. 4: §5.1.1.2) and ASVS 5.0 V6.2.1: at least 8 characters.
        floor(
            password.minLength >= 8,
            "password.minLength is \(password.minLength), below 8 (NIST SP 800-63B, ASVS 5.0 V6.2.1)")
        // NIST SP 800-63B and ASVS 5.0 V6.2.9: at least 64 characters must be allowed.
        floor(
            password.maxLength >= 64,
            "password.maxLength is \(password.maxLength), below 64 (NIST SP 800-63B, ASVS 5.0 V6.2.9)")
        // NIST SP 800-63B: compare against a blocklist of commonly used passwords;
        // ASVS 5.0 V6.2.4.
        floor(
            rejectCommonPasswords,
            "password.rejectCommon is false: common passwords must be refused (NIST SP 800-63B, ASVS 5.0 V6.2.4)"
        )
        // NIST SP 800-63B §3.2.2 (rev. 4: §5.2.2): limit consecutive failed attempts on an
        // account to no more than 100.
        floor(
            login.lockAfter <= 100,
            "login.lockAfter is \(login.lockAfter), above 100 consecutive failures (NIST SP 800-63B rate limiting)"
        )
        floor(
            wrongCodes.lockAfter <= 100,
            "wrongCodes.lockAfter is \(wrongCodes.lockAfter), above 100 consecutive failures (NIST SP 800-63B rate limiting)"
        )
        // NIST SP 800-63B §3.1.4.1 / §3.1.3.1: one-time codes of at least 6 decimal digits.
        floor(sms.digits >= 6, "sms.digits is \(sms.digits), below 6 (NIST SP 800-63B)")
        // RFC 6238 §5.2: accept at most one step of network delay either side.
        floor(
            totp.window <= 1,
            "totp.window is \(totp.window) steps, above 1 (RFC 6238 §5.2 recommends at most one)")
        // Push approvals without number matching invite MFA-fatigue attacks (CISA,
        // "Implementing Number Matching in MFA Applications", 2022).
        floor(push.numberMatching, "push.numberMatching is off: a prompt can then be approved blind (CISA)")
        return found
    }

    private var rejectCommonPasswords: Bool { password.rejectCommon }

    /// Upper bounds that keep every value usable in arithmetic and in a person's life
    /// time (no value overflows a conversion later): one sentence per value out of range.
    func rangeProblems() -> [String] {
        var found: [String] = []
        func within(_ value: Int, _ limit: Int, _ name: String) {
            if value > limit { found.append("\(name) must be at most \(limit)") }
        }
        let day = 86_400
        within(totp.period, 3600, "totp.period")
        within(totp.secretBytes, 128, "totp.secretBytes")
        within(sms.lifetimeSeconds, day, "sms.lifetimeSeconds")
        within(sms.resendCooldownSeconds, day, "sms.resendCooldownSeconds")
        within(sms.maxSendsPerHour, 10_000, "sms.maxSendsPerHour")
        within(sms.deliveryDelaySeconds, day, "sms.deliveryDelaySeconds")
        within(push.lifetimeSeconds, day, "push.lifetimeSeconds")
        within(push.maxRequests, 10_000, "push.maxRequests")
        within(push.rateWindowSeconds, day, "push.rateWindowSeconds")
        within(wrongCodes.perChallenge, 1_000_000, "wrongCodes.perChallenge")
        within(wrongCodes.lockAfter, 1_000_000, "wrongCodes.lockAfter")
        within(wrongCodes.lockSeconds, 365 * day, "wrongCodes.lockSeconds")
        within(password.maxLength, 4096, "password.maxLength")
        within(password.recommendedLength, 4096, "password.recommendedLength")
        within(password.iterations, 100_000_000, "password.iterations")
        within(password.saltBytes, 1024, "password.saltBytes")
        within(login.lockAfter, 1_000_000, "login.lockAfter")
        within(login.maxBackoffSeconds, 365 * day, "login.maxBackoffSeconds")
        within(trust.days, 3650, "trust.days")
        within(trust.tokenBytes, 1024, "trust.tokenBytes")
        within(recoveryCodeLength, 256, "recoveryCodeLength")
        if password.recommendedLength < 0 { found.append("password.recommendedLength must not be negative") }
        return found
    }
}
