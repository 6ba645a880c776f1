import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An asciicast v2 recording of a walkthrough: a header line, then one `[time, "o", text]`
/// event per screen that changed. The frames are the text renderer's screens, each
/// drawn from the home position after clearing the terminal.
///
/// Playback time is synthetic so recordings are reproducible: each step takes
/// `stepSeconds`, and `advance` adds up to `maximumPause` of the simulated time.
public struct Asciicast: Sendable, Equatable {
    public struct Event: Sendable, Equatable {
        public var time: Double
        public var text: String
    }

    public var width: Int
    public var height: Int
    /// Unix time of the start (the walkthrough's clock).
    public var timestamp: Int
    public var title: String
    public private(set) var events: [Event] = []
    /// Playback seconds so far.
    public private(set) var elapsed: Double = 0
    private var lastFrame: [String]?

    public static let stepSeconds = 0.6
    public static let maximumPause = 2.0

    public init(width: Int, height: Int, timestamp: Int, title: String) {
        self.width = width
        self.height = height
        self.timestamp = timestamp
        self.title = title
    }

    /// Moves playback time on by `seconds` (capped at `maximumPause`).
    public mutating func pause(_ seconds: Double) {
        elapsed += min(max(seconds, 0), Self.maximumPause)
    }

    /// Adds a frame if it differs from the last one, after one step's worth of time.
    public mutating func record(frame: [String]) {
        elapsed += Self.stepSeconds
        guard frame != lastFrame else { return }
        lastFrame = frame
        let body = frame.joined(separator: "\r\n")
        events.append(Event(time: (elapsed * 1000).rounded() / 1000, text: "\u{1b}[H\u{1b}[2J" + body))
    }

    /// The `.cast` file: JSON header line, then one JSON array per event.
    public func encoded() -> String {
        var lines = [AsciicastLine.header(width: width, height: height, timestamp: timestamp, title: title)]
        for event in events {
            lines.append(AsciicastLine.event(seconds: event.time, .output, event.text))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
