/// Clock drift of an authenticator, learnt as RFC 6238 §6 says: only from accepted
/// codes, and told only once several of them agree. One code a step off is normal (it
/// was typed just after the step rolled over) and says nothing.
public enum DriftPolicy {
    /// How many accepted codes in a row must show the same non-zero offset.
    public static let agreeing = 3

    /// The offsets to keep after accepting a code `offset` steps off, newest last.
    public static func record(_ offset: Int, in recent: [Int]) -> [Int] {
        Array((recent + [offset]).suffix(agreeing))
    }

    /// The offset in steps that the last `agreeing` accepted codes all showed, or 0
    /// when they are fewer, differ, or show none.
    public static func consistentOffset(_ recent: [Int]) -> Int {
        guard recent.count >= agreeing, let last = recent.last, last != 0,
            recent.suffix(agreeing).allSatisfy({ $0 == last })
        else { return 0 }
        return last
    }
}
