extension Policy {
    /// What is out of range in this policy, one sentence each; empty when it is usable.
    public func problems() -> [String] {
        var found: [String] = []
        func require(_ condition: Bool, _ message: String) { if !condition { found.append(message) } }
        require(
            ["SHA1", "SHA256", "SHA512"].contains(totp.algorithm),
            "totp.algorithm must be SHA1, SHA256 or SHA512")
        require((6...8).contains(totp.digits), "totp.digits must be 6 to 8")
        require(totp.period > 0, "totp.period must be positive")
        require(totp.secretBytes >= 16, "totp.secretBytes must be at least 16 (128 bits)")
        require((0...10).contains(totp.window), "totp.window must be 0 to 10 steps")
        require((4...10).contains(sms.digits), "sms.digits must be 4 to 10")
        require(sms.lifetimeSeconds > 0, "sms.lifetimeSeconds must be positive")
        require(sms.resendCooldownSeconds >= 0, "sms.resendCooldownSeconds must not be negative")
        require(sms.maxSendsPerHour > 0, "sms.maxSendsPerHour must be positive")
        require(sms.deliveryDelaySeconds >= 0, "sms.deliveryDelaySeconds must not be negative")
        require((0...1).contains(sms.lossRate), "sms.lossRate must be between 0 and 1")
        require(push.lifetimeSeconds > 0, "push.lifetimeSeconds must be positive")
        require(
            push.maxRequests > 0 && push.rateWindowSeconds > 0,
            "push.maxRequests and push.rateWindowSeconds must be positive")
        require(wrongCodes.perChallenge > 0 && wrongCodes.lockAfter > 0, "wrongCodes limits must be positive")
        require(wrongCodes.lockSeconds >= 0, "wrongCodes.lockSeconds must not be negative")
        require(
            password.minLength >= 1 && password.minLength <= password.maxLength,
            "password.minLength must be 1 to password.maxLength")
        require(password.iterations >= 1, "password.iterations must be positive")
        require(password.saltBytes >= 16, "password.saltBytes must be at least 16")
        require(login.lockAfter > 0, "login.lockAfter must be positive")
        require(
            login.firstBackoffSeconds >= 0 && login.firstBackoffSeconds <= login.maxBackoffSeconds,
            "login.firstBackoffSeconds must be 0 to login.maxBackoffSeconds")
        require(trust.days >= 0, "trust.days must not be negative")
        require(trust.tokenBytes >= 16, "trust.tokenBytes must be at least 16 (128 bits)")
        require(recoveryCodeLength >= 16, "recoveryCodeLength must be at least 16")
        return found + rangeProblems()
    }
}
