/// Anything that reads records by key and lists a collection's keys: the store (each
/// read a snapshot of its own) and a transaction (its staged changes included). Walking a
/// collection is written once, here, on top of those two.
public protocol RecordReader {
    /// The keys of a collection, in key order, without reading any document.
    func keys<R: StoreRecord>(of type: R.Type) throws -> [String]
    /// The record at `key`, or nil when there is none.
    func read<R: StoreRecord>(_ type: R.Type, key: String) throws -> R?
}

extension RecordReader {
    /// Calls `body` with each record of a collection in key order, one record in memory
    /// at a time; a record deleted between listing the keys and reading it is skipped.
    /// - Complexity: O(n) in the collection's size; reads each document once.
    public func forEach<R: StoreRecord>(_ type: R.Type, _ body: (R) throws -> Void) throws {
        for key in try keys(of: type) {
            if let record = try read(type, key: key) { try body(record) }
        }
    }

    /// All records of a collection, in key order.
    /// - Complexity: O(n) in the collection's size.
    public func list<R: StoreRecord>(_ type: R.Type) throws -> [R] {
        var records: [R] = []
        try forEach(type) { records.append($0) }
        return records
    }
}
