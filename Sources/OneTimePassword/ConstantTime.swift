/// Whether `a` and `b` hold the same bytes, in time that depends only on their lengths.
///
/// Use it for every comparison of a secret, a code or a hash with what someone supplied.
/// Lengths are not secret: different lengths return `false` at once.
///
/// - Complexity: O(n), always visiting every byte.
public func constantTimeEqual(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for (left, right) in zip(a, b) { difference |= left ^ right }
    return difference == 0
}

/// Whether two strings have the same UTF-8 bytes, compared in constant time.
public func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    constantTimeEqual(Array(a.utf8), Array(b.utf8))
}
