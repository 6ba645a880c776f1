import KeepsafeStore

/// Why a new password was refused (section 3 of PRODUCT.md).
public enum PasswordProblem: Sendable, Equatable {
    case empty
    case tooShort(minimum: Int)
    case tooLong(maximum: Int)
    /// On the bundled common-password list.
    case common
    /// The confirmation differs.
    case mismatch
}

/// The password rules: length counted in characters after NFC normalisation, never
/// truncated, and not on the common-password list.
public enum PasswordPolicy {
    /// The first problem with `password` (and its confirmation), or nil when it is acceptable.
    public static func check(
        _ password: String, confirmation: String? = nil, policy: Policy.Password, common: CommonPasswords
    ) -> PasswordProblem? {
        let normalized = password.nfc
        if normalized.isEmpty { return .empty }
        if normalized.count < policy.minLength { return .tooShort(minimum: policy.minLength) }
        if normalized.count > policy.maxLength { return .tooLong(maximum: policy.maxLength) }
        if policy.rejectCommon, common.contains(normalized) { return .common }
        if let confirmation, confirmation.nfc != normalized {
            return .mismatch
        }
        return nil
    }
}
