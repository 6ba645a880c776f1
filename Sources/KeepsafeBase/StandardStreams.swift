#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes to the standard streams by file descriptor (what `FileHandle.standardError`
/// did), so nothing buffered is lost when the process exits at once.
public enum StandardStream {
    /// Writes `text` to standard error as is.
    public static func error(_ text: String) { write(text, to: 2) }

    /// Writes `text` to standard output as is (flushing `print`'s buffer first).
    public static func output(_ text: String) {
        fflush(nil)
        write(text, to: 1)
    }

    /// Writes all of `text` to `descriptor`, retrying after signals; stops at an error.
    public static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { raw in systemWrite(descriptor, raw.baseAddress!, raw.count)
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// An open file descriptor that text is appended to, closed by `close()` or at deinit.
public final class OutputFile {
    private var descriptor: Int32

    /// Takes ownership of `descriptor`.
    public init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close() }

    /// Appends `text`.
    public func write(_ text: String) {
        guard descriptor >= 0 else { return }
        StandardStream.write(text, to: descriptor)
    }

    /// Closes the file; later writes are ignored.
    public func close() {
        guard descriptor >= 0 else { return }
        closeDescriptor(descriptor)
        descriptor = -1
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    #if canImport(Glibc)
        _ = Glibc.close(descriptor)
    #elseif canImport(Musl)
        _ = Musl.close(descriptor)
    #else
        _ = Darwin.close(descriptor)
    #endif
}

/// The C library's text for an `errno` value, lowercased as it reads inside a sentence:
/// `"permission denied"`.
public func systemErrorText(_ code: Int32) -> String {
    let text = String(cString: strerror(code))
    guard let first = text.first else { return "error \(code)" }
    return first.lowercased() + text.dropFirst()
}
