/// A value made on first use, once, whatever the thread: what a `lazy var` is for a
/// type that must stay `Sendable` and a value type. Start-up uses it to parse bundled
/// tables (countries, common passwords) only when a screen needs them.
///
///     static let bundled = LazyValue { parse(text) }
///     bundled.value   // parsed here, the first time
public final class LazyValue<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `made` and `make` are only touched under `lock`.
    private let lock = Lock()
    private var made: Value?
    private var make: (@Sendable () -> Value)?

    /// A value that `make` will produce on first use.
    public init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    /// A value already made.
    public init(value: Value) { made = value }

    /// The value, made now if this is the first use.
    public var value: Value {
        lock.withLock {
            if let made { return made }
            let value = make!()
            made = value
            make = nil
            return value
        }
    }
}
