import Foundation

/// Reads QR codes off a terminal screen with `Tests/Tools/termshot.py` (pyte draws the
/// capture as a terminal would, zxing-cpp decodes the picture; needs python3 with pyte,
/// PIL and zxingcpp).
public enum ScreenQR {
    /// `Tests/Tools/termshot.py`.
    public static var termshot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tools/termshot.py").path
    }

    /// The decoded texts of the QR codes in a `capture-pane -p -e` capture of a
    /// `width`×`height` screen drawn with `theme`'s default colours (`dark`, `light`).
    public static func decode(capture: String, theme: String, width: Int, height: Int) throws -> [String] {
        let directory = try TemporaryDirectory(prefix: "keepsafe-screenqr")
        defer { directory.remove() }
        let file = directory.file("capture.txt")
        try capture.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Subprocess.run(
            "python3", [termshot, file, "--theme", theme, "--cols", "\(width)", "--rows", "\(height)"])
        return result.stdout.split(separator: "\n").map(String.init)
    }
}

extension TmuxPane {
    /// The texts of the QR codes on the pane's screen now.
    public func qrTexts(theme: String) throws -> [String] {
        let (width, height) = try size()
        return try ScreenQR.decode(
            capture: capture(escapes: true), theme: theme, width: width, height: height)
    }

    /// The text of the first QR code on the pane's screen.
    /// - Throws: `Failure` with the screen when none decodes.
    public func decodeQR(theme: String) throws -> String {
        guard let text = try qrTexts(theme: theme).first else {
            throw TmuxSession.Failure("no QR decoded from pane \(id); the screen:\n\(try capture())")
        }
        return text
    }
}

/// TOTP codes by `oathtool`, the peer tool the tests compare against.
public enum Oathtool {
    /// The code of the otpauth `uri`'s secret at `offset` seconds from now.
    public static func totp(uri: String, offset: Int = 0) throws -> String {
        guard let components = URLComponents(string: uri),
            let secret = components.queryItems?.first(where: { $0.name == "secret" })?.value
        else { throw TmuxSession.Failure("no secret in \(uri)") }
        let now = Int(Date().timeIntervalSince1970) + offset
        let result = try Subprocess.run("oathtool", ["--totp", "-b", secret, "-N", "@\(now)"])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
