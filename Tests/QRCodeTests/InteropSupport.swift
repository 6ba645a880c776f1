import Foundation
import TestSupport

/// Helpers shared by the interoperability tests: a reproducible random source, the paths of
/// the Python tools and a batch decoder.
enum Interop {
    /// SplitMix64 (TestSupport): a failing random case replays with `KEEPSAFE_TEST_SEED`.
    typealias SeededGenerator = TestSupport.SeededGenerator

    /// The seed from `KEEPSAFE_TEST_SEED`, else a fresh one; tests name it in failures.
    static func seed() -> UInt64 {
        if let text = ProcessInfo.processInfo.environment["KEEPSAFE_TEST_SEED"], let value = UInt64(text) {
            return value
        }
        return UInt64.random(in: 0...UInt64.max)
    }

    /// `Tests/Tools`, found from this source file's location.
    static var toolsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tools").path
    }

    /// A random otpauth URI of the shape authenticator enrollment uses.
    static func randomEnrollmentURI(using generator: inout SeededGenerator) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        func word(_ length: Int) -> String {
            String((0..<length).map { _ in letters.randomElement(using: &generator)! })
        }
        let issuer = word(Int.random(in: 4...12, using: &generator)).capitalized
        let account = word(Int.random(in: 3...10, using: &generator)) + "@" + word(6) + ".test"
        let secret = String((0..<32).map { _ in base32.randomElement(using: &generator)! })
        return
            "otpauth://totp/\(issuer):\(account)?secret=\(secret)&issuer=\(issuer)&algorithm=SHA1&digits=6&period=30"
    }

    /// Random text: printable ASCII or a mix with accented letters, CJK and emoji.
    static func randomText(maxLength: Int, using generator: inout SeededGenerator) -> String {
        let ascii = (0x20...0x7E).map { Character(UnicodeScalar(UInt8($0))) }
        let wide: [Character] = ["é", "ü", "ß", "ø", "€", "日", "本", "語", "😀", "—"]
        let length = Int.random(in: 1...maxLength, using: &generator)
        let mixed = Bool.random(using: &generator)
        return String(
            (0..<length).map { _ in
                mixed && Int.random(in: 0..<5, using: &generator) == 0
                    ? wide.randomElement(using: &generator)! : ascii.randomElement(using: &generator)!
            })
    }

    /// One picture to decode: terminal output in a theme, or an SVG document.
    struct DecodeCase: Encodable {
        var kind: String
        var content: String
        var theme: String = "dark"
    }

    /// What each decoder read from each case, in order.
    struct DecodeResult: Decodable {
        var zxing: [[String]]
        var zbar: [[String]]
    }

    /// Decodes every case in one Python process: termshot renders terminal text, a tiny
    /// rasteriser draws the SVG, zxing-cpp (no inverted decoding) reads each picture and
    /// one `zbarimg --xml` call reads them all.
    static func decode(_ cases: [DecodeCase]) throws -> DecodeResult {
        let directory = try TemporaryDirectory(prefix: "keepsafe-qr-decode")
        defer { directory.remove() }
        let input = directory.file("cases.json")
        try JSONEncoder().encode(cases).write(to: URL(fileURLWithPath: input))
        let result = try Subprocess.run("python3", ["-c", driver, toolsDirectory, input, directory.path])
        guard result.status == 0 else {
            throw CocoaError(
                .fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "decoder: \(result.stderr)"])
        }
        return try JSONDecoder().decode(DecodeResult.self, from: result.stdoutData)
    }

    private static let driver = #"""
        import json, os, re, subprocess, sys
        import xml.etree.ElementTree as ET
        from PIL import Image, ImageDraw
        sys.dont_write_bytecode = True
        sys.path.insert(0, sys.argv[1])
        import termshot

        def rasterise_svg(svg, scale=4):
            side = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
            background = re.search(r'<rect [^>]*fill="(#[0-9A-Fa-f]{6})"', svg).group(1)
            ink = re.search(r'<path d="[^"]*" fill="(#[0-9A-Fa-f]{6})"', svg).group(1)
            image = Image.new("RGB", (side * scale, side * scale), background)
            draw = ImageDraw.Draw(image)
            for x, y, w in re.findall(r"M(\d+),(\d+)h(\d+)v1h-\d+z", svg):
                x, y, w = int(x), int(y), int(w)
                draw.rectangle([x * scale, y * scale, (x + w) * scale - 1, (y + 1) * scale - 1], fill=ink)
            return image

        cases = json.load(open(sys.argv[2]))
        folder = sys.argv[3]
        zxing, paths = [], []
        for index, case in enumerate(cases):
            if case["kind"] == "svg":
                image = rasterise_svg(case["content"])
            else:
                image = termshot.render(case["content"], theme=case["theme"])
            zxing.append(termshot.decode_image(image))
            path = os.path.join(folder, "%05d.png" % index)
            image.save(path)
            paths.append(path)
        zbar = [[] for _ in cases]
        for start in range(0, len(paths), 100):
            chunk = paths[start:start + 100]
            run = subprocess.run(["zbarimg", "--xml", "-q", "-Sdisable", "-Sqrcode.enable"] + chunk,
                                 capture_output=True)
            root = ET.fromstring(run.stdout.decode("utf-8", "replace"))
            for source in root.iter():
                if source.tag.endswith("source"):
                    index = int(os.path.basename(source.get("href"))[:5])
                    for data in source.iter():
                        if not data.tag.endswith("data") or data.text is None:
                            continue
                        if data.get("format") == "base64":
                            # zbar's XML garbles the base64 of non-ASCII data; ask for the raw bytes.
                            raw = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable",
                                                  paths[index]], capture_output=True).stdout
                            zbar[index].append(raw.decode("utf-8", "replace")[:-1])
                        else:
                            zbar[index].append(data.text)
        json.dump({"zxing": zxing, "zbar": zbar}, sys.stdout)
        """#
}
