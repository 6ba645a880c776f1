extension PasswordHasher {
    /// A well-formed hash that no password matches, at this hasher's cost: verifying
    /// against it takes exactly as long as against a real account's hash. Built from a
    /// random salt and a random digest, so making it costs nothing (no PBKDF2 run) and
    /// it can be made eagerly when a session opens, never lazily inside the failing
    /// path (where its making would itself be the timing difference).
    public func decoy() -> String {
        "$pbkdf2-sha256$i=\(iterations)$\(Secrets.base64(Secrets.bytes(saltByteCount)))$\(Secrets.base64(Secrets.bytes(32)))"
    }
}
