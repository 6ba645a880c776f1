extension QRSegment {
    /// The segments that encode `text` (as UTF-8) in the fewest bits at `version` (1...40),
    /// switching between numeric, alphanumeric and byte mode where that pays for its header.
    ///
    /// An upper-case Base32 secret inside a URI, for example, goes in alphanumeric mode
    /// (5.5 bits a character) while the rest stays in byte mode.
    /// Segments longer than their count indicator allows are split.
    ///
    /// - Complexity: O(n) in the number of UTF-8 bytes.
    public static func segments(for text: String, version: Int = 1) -> [QRSegment] {
        segments(forBytes: Array(text.utf8), version: min(max(version, 1), 40))
    }

    /// Modes with the remainder of the characters in the current segment, so that every
    /// added character has an exact cost in bits (numeric 4-3-3, alphanumeric 6-5).
    private enum State: Int, CaseIterable {
        case byte, alpha0, alpha1, numeric0, numeric1, numeric2

        var mode: Mode {
            switch self {
            case .byte: return .byte
            case .alpha0, .alpha1: return .alphanumeric
            case .numeric0, .numeric1, .numeric2: return .numeric
            }
        }

        /// The state after one more character of this mode, and the bits that character adds.
        var next: (state: State, bits: Int) {
            switch self {
            case .byte: return (.byte, 8)
            case .alpha0: return (.alpha1, 6)
            case .alpha1: return (.alpha0, 5)
            case .numeric0: return (.numeric1, 4)
            case .numeric1: return (.numeric2, 3)
            case .numeric2: return (.numeric0, 3)
            }
        }

        /// The state of a fresh segment of `mode` that has just taken its first character.
        static func first(_ mode: Mode) -> (state: State, bits: Int) {
            switch mode {
            case .byte: return (.byte, 8)
            case .alphanumeric: return (.alpha1, 6)
            case .numeric: return (.numeric1, 4)
            case .eci: return (.byte, 8)
            }
        }
    }

    /// Dynamic programme over (position, state): the exact bit cost of the cheapest encoding
    /// of each prefix that ends in each state, then a walk back to read the modes.
    static func segments(forBytes bytes: [UInt8], version: Int) -> [QRSegment] {
        if bytes.isEmpty { return [] }
        let states = State.allCases.count
        let unreachable = Int.max / 4
        let header = [Mode.byte, .alphanumeric, .numeric].map { 4 + $0.characterCountBits(version: version) }
        func headerBits(_ mode: Mode) -> Int {
            switch mode {
            case .byte: return header[0]
            case .alphanumeric: return header[1]
            case .numeric: return header[2]
            case .eci: return 0
            }
        }
        var cost = [Int](repeating: unreachable, count: states)
        var nextCost = cost
        // For each position and state, the state the previous character ended in (-1 for none).
        var from = [Int8](repeating: -1, count: bytes.count * states)
        let modeOrder: [Mode] = [.byte, .alphanumeric, .numeric]
        for (index, byte) in bytes.enumerated() {
            for state in 0..<states { nextCost[state] = unreachable }
            // Modes that can carry this byte: byte always, then alphanumeric, then numeric.
            let allowed = isDigit(byte) ? 3 : (isAlphanumeric(byte) ? 2 : 1)
            // The cheapest prefix in any state, which a new segment would follow.
            var best = index == 0 ? 0 : unreachable
            var bestFrom = -1
            if index > 0 {
                for state in 0..<states where cost[state] < best {
                    best = cost[state]
                    bestFrom = state
                }
            }
            for mode in modeOrder.prefix(allowed) {
                // Start a new segment of `mode`.
                let start = State.first(mode)
                let fresh = best + headerBits(mode) + start.bits
                if fresh < nextCost[start.state.rawValue] {
                    nextCost[start.state.rawValue] = fresh
                    from[index * states + start.state.rawValue] = Int8(bestFrom)
                }
            }
            // Or continue the segment the previous character is in.
            if index > 0 {
                for state in State.allCases where cost[state.rawValue] < unreachable {
                    let allowedHere: Bool
                    switch state.mode {
                    case .byte: allowedHere = true
                    case .alphanumeric: allowedHere = allowed >= 2
                    case .numeric: allowedHere = allowed >= 3
                    case .eci: allowedHere = false
                    }
                    guard allowedHere else { continue }
                    let step = state.next
                    let continued = cost[state.rawValue] + step.bits
                    if continued < nextCost[step.state.rawValue] {
                        nextCost[step.state.rawValue] = continued
                        from[index * states + step.state.rawValue] = Int8(state.rawValue)
                    }
                }
            }
            swap(&cost, &nextCost)
        }
        // Walk back from the cheapest final state, recording each character's mode.
        var state = 0
        for candidate in 1..<states where cost[candidate] < cost[state] { state = candidate }
        var modes = [Mode](repeating: .byte, count: bytes.count)
        var index = bytes.count - 1
        while index >= 0 {
            modes[index] = State(rawValue: state)?.mode ?? .byte
            let previous = Int(from[index * states + state])
            state = previous < 0 ? 0 : previous
            index -= 1
        }
        return makeSegments(bytes: bytes, modes: modes, version: version)
    }

    /// Groups runs of equal modes into segments, splitting runs that overflow the count indicator.
    private static func makeSegments(bytes: [UInt8], modes: [Mode], version: Int) -> [QRSegment] {
        var result: [QRSegment] = []
        var start = 0
        while start < bytes.count {
            let mode = modes[start]
            let limit = (1 << mode.characterCountBits(version: version)) - 1
            var end = start + 1
            while end < bytes.count && modes[end] == mode && end - start < limit { end += 1 }
            let run = bytes[start..<end]
            switch mode {
            case .byte: result.append(.bytes(Array(run)))
            case .alphanumeric: result.append(alphanumeric(ascii: run))
            case .numeric: result.append(numeric(ascii: run))
            case .eci: break
            }
            start = end
        }
        return result
    }
}
