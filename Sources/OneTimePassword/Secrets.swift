/// Unguessable values, all drawn from the system CSPRNG (`SystemRandomNumberGenerator`:
/// getrandom(2) on Linux, arc4random on Darwin).
public enum Secrets {
    /// Random bytes from the system CSPRNG.
    ///
    /// - Parameter count: 0 or more (negative counts give no bytes).
    public static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var output: [UInt8] = []
        output.reserveCapacity(max(0, count))
        while output.count < count {
            withUnsafeBytes(of: generator.next() as UInt64) { word in
                output += word.prefix(count - output.count)
            }
        }
        return output
    }

    /// A TOTP secret: 20 bytes (160 bits, RFC 4226's recommendation) unless told otherwise.
    ///
    /// - Parameter byteCount: 1 or more; 16 (128 bits) is the least RFC 4226 allows.
    public static func totpSecret(byteCount: Int = 20) -> [UInt8] {
        bytes(max(1, byteCount))
    }

    /// A numeric code such as an SMS code, every value equally likely (no modulo bias), zero-padded.
    ///
    /// - Parameter digits: 1...18; values outside are clamped.
    public static func numericCode(digits: Int = 6) -> String {
        let length = max(1, min(digits, 18))
        var bound: UInt64 = 1
        for _ in 0..<length { bound *= 10 }
        var generator = SystemRandomNumberGenerator()
        // `random(in:using:)` rejects out-of-range draws, so the result is uniform.
        let text = String(UInt64.random(in: 0..<bound, using: &generator))
        return String(repeating: "0", count: length - text.count) + text
    }

    /// A trusted-device token: 128 bits as 22 characters of unpadded base64url (`A-Z a-z 0-9 - _`).
    public static func deviceToken() -> String {
        base64URL(bytes(16))
    }

    /// A random record identifier: `byteCount` bytes as lowercase hex (32 characters by default).
    ///
    /// - Parameter byteCount: 1 or more (smaller values are treated as 1).
    public static func identifier(byteCount: Int = 16) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        for byte in bytes(max(1, byteCount)) {
            output += [hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Unpadded base64url (RFC 4648 section 5).
    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        return encode64(bytes, alphabet: alphabet)
    }

    /// Unpadded standard base64 (RFC 4648 section 4), as PHC strings use it.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        return encode64(bytes, alphabet: alphabet)
    }

    /// Decodes unpadded standard base64; `nil` for any other character or an impossible length.
    static func decodeBase64(_ text: Substring) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text.utf8 {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            default: return nil
            }
            buffer = (buffer << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        return bits >= 6 ? nil : output
    }

    private static func encode64(_ bytes: [UInt8], alphabet: [UInt8]) -> String {
        encodeBitGroups(bytes, bitsPerSymbol: 6, alphabet: alphabet)
    }
}
