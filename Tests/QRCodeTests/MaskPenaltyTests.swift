import Testing

@testable import QRCode

@Suite("Mask penalty")
struct MaskPenaltyTests {
    /// Slow, obvious scoring straight from table 11, rule by rule, on a 2-D array.
    static func slowScore(_ grid: [[Bool]]) -> (n1: Int, n2: Int, n3: Int, n4: Int) {
        let n = grid.count
        let rows = grid
        let columns = (0..<n).map { x in (0..<n).map { y in grid[y][x] } }
        var n1 = 0
        var n3 = 0
        for line in rows + columns {
            var start = 0
            while start < n {
                var end = start
                while end < n && line[end] == line[start] { end += 1 }
                if end - start >= 5 { n1 += 3 + (end - start - 5) }
                start = end
            }
            func light(_ index: Int) -> Bool { index < 0 || index >= n || !line[index] }
            let core = [true, false, true, true, true, false, true]
            for index in 0...(n - 7) where (0..<7).allSatisfy({ line[index + $0] == core[$0] }) {
                let before = (1...4).allSatisfy { light(index - $0) }
                let after = (7...10).allSatisfy { light(index + $0) }
                if before || after { n3 += 40 }
            }
        }
        var n2 = 0
        for y in 0..<(n - 1) {
            for x in 0..<(n - 1) {
                let colour = grid[y][x]
                if grid[y][x + 1] == colour && grid[y + 1][x] == colour && grid[y + 1][x + 1] == colour {
                    n2 += 3
                }
            }
        }
        let dark = grid.joined().filter { $0 }.count
        let percent = Double(dark) * 100 / Double(n * n)
        let n4 = Int((abs(percent - 50) / 5).rounded(.down)) * 10
        return (n1, n2, n3, n4)
    }

    static func flat(_ grid: [[Bool]]) -> [UInt8] { grid.joined().map { $0 ? 1 : 0 } }

    @Test("an all-dark square: long runs, every block, no balance")
    func allDark() {
        let grid = [[Bool]](repeating: [Bool](repeating: true, count: 21), count: 21)
        // N1: 42 lines of 21 → 42 × (3 + 16); N2: 20 × 20 blocks × 3; N4: 50 % off → 10 steps × 10.
        #expect(MaskPenalty.score(Self.flat(grid), size: 21) == 42 * 19 + 400 * 3 + 100)
    }

    @Test("a checkerboard scores nothing")
    func checkerboard() {
        let grid = (0..<21).map { y in (0..<21).map { x in (x + y) % 2 == 0 } }
        #expect(MaskPenalty.score(Self.flat(grid), size: 21) == 0)
    }

    @Test("a finder-like run counts once, with light before it (the quiet zone) and after it")
    func finderLikeRun() {
        var grid = [[Bool]](repeating: [Bool](repeating: false, count: 21), count: 21)
        for (x, dark) in [true, false, true, true, true, false, true].enumerated() { grid[10][x] = dark }
        // N1: row 10 ends in 14 light (12); 20 light rows (19 each); columns 0,2,3,4,6 split 10 + 10
        // (8 + 8 each); 16 light columns (19 each). N2: 14 blocks touch a dark module of row 10.
        // N3: one pattern. N4: 5 dark of 441 is 1.1 %: 9 full steps.
        let expected = (12 + 20 * 19 + 5 * 16 + 16 * 19) + (400 - 14) * 3 + 40 + 90
        #expect(MaskPenalty.score(Self.flat(grid), size: 21) == expected)
        let slow = Self.slowScore(grid)
        #expect(slow.n1 + slow.n2 + slow.n3 + slow.n4 == expected)
    }

    @Test("a 1:1:3:1:1 run without four light modules on either side is not penalised")
    func enclosedRunIsFree() {
        var grid = (0..<21).map { y in (0..<21).map { x in (x + y) % 2 == 0 } }
        // Row 10: dark dark | 1 0 1 1 1 0 1 | dark, inside a checkerboard: no light margins.
        let row: [Bool] = [
            true, false, true, false, true, false, true, true, false, true, true, true, false, true, true,
        ]
        for (x, dark) in row.enumerated() { grid[10][x] = dark }
        #expect(Self.slowScore(grid).n3 == 0)
        let slow = Self.slowScore(grid)
        #expect(MaskPenalty.score(Self.flat(grid), size: 21) == slow.n1 + slow.n2 + slow.n3 + slow.n4)
    }

    @Test("balance steps: 45 % to 55 % is free, each further full 5 % costs 10")
    func balance() {
        #expect(MaskPenalty.balanceScore(dark: 50, total: 100) == 0)
        #expect(MaskPenalty.balanceScore(dark: 55, total: 100) == 10)
        #expect(MaskPenalty.balanceScore(dark: 54, total: 100) == 0)
        #expect(MaskPenalty.balanceScore(dark: 44, total: 100) == 10)
        #expect(MaskPenalty.balanceScore(dark: 39, total: 100) == 20)
        #expect(MaskPenalty.balanceScore(dark: 0, total: 100) == 100)
    }

    @Test("the fast scorer equals the slow one on random matrices of every size")
    func fastEqualsSlow() {
        var generator = SystemRandomNumberGenerator()
        for size in [21, 25, 29, 45, 57, 65, 69, 129, 177] {
            for density in [0.2, 0.5, 0.8] {
                for _ in 0..<(size > 60 ? 1 : 8) {
                    let grid = (0..<size).map { _ in
                        (0..<size).map { _ in Double.random(in: 0..<1, using: &generator) < density }
                    }
                    let slow = Self.slowScore(grid)
                    #expect(
                        MaskPenalty.score(Self.flat(grid), size: size) == slow.n1 + slow.n2 + slow.n3
                            + slow.n4)
                }
            }
        }
    }

    @Test("each mask's penalty on real symbols equals the slow score, and the chosen mask is the lowest")
    func eachMaskOnSymbols() throws {
        for text in [
            "01234567", "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP", "HELLO WORLD",
        ] {
            let automatic = try QRCode.encode(
                text: text, errorCorrection: .medium, boostErrorCorrection: false)
            var scores: [Int] = []
            for mask in 0..<8 {
                let code = try QRCode.encode(
                    text: text, errorCorrection: .medium, mask: mask, boostErrorCorrection: false)
                let grid = (0..<code.size).map { y in (0..<code.size).map { x in code[x, y] } }
                let slow = Self.slowScore(grid)
                let fast = MaskPenalty.score(Self.flat(grid), size: code.size)
                #expect(fast == slow.n1 + slow.n2 + slow.n3 + slow.n4)
                scores.append(fast)
            }
            let lowest = scores.min() ?? 0
            #expect(automatic.mask == scores.firstIndex(of: lowest))
        }
    }

    @Test("the automatic mask is the lowest-scoring of the eight drawn symbols, across versions")
    func automaticMaskAcrossVersions() throws {
        var generator = SystemRandomNumberGenerator()
        for index in 0..<40 {
            let length = Int.random(in: 1...(index < 30 ? 200 : 1200), using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let level = ErrorCorrection.allCases[index % 4]
            let automatic = try QRCode.encode(
                bytes: bytes, errorCorrection: level, boostErrorCorrection: false)
            let scores = try (0..<8).map { mask in
                let code = try QRCode.encode(
                    bytes: bytes, errorCorrection: level, mask: mask, boostErrorCorrection: false)
                return MaskPenalty.score(code.modules, size: code.size)
            }
            let lowest = scores.min() ?? 0
            #expect(
                automatic.mask == scores.firstIndex(of: lowest), "version \(automatic.version): \(scores)")
        }
    }

    @Test("masks flip exactly the data modules where table 10's condition holds", arguments: 0..<8)
    func maskPatterns(mask: Int) {
        let conditions: [(Int, Int) -> Bool] = [
            { i, j in (i + j) % 2 == 0 }, { i, _ in i % 2 == 0 }, { _, j in j % 3 == 0 },
            { i, j in (i + j) % 3 == 0 }, { i, j in (i / 2 + j / 3) % 2 == 0 },
            { i, j in (i * j) % 2 + (i * j) % 3 == 0 }, { i, j in ((i * j) % 2 + (i * j) % 3) % 2 == 0 },
            { i, j in ((i * j) % 3 + (i + j) % 2) % 2 == 0 },
        ]
        let plain = ModuleMatrix(version: 7)
        var masked = plain
        masked.applyMask(mask)
        for i in 0..<plain.size {
            for j in 0..<plain.size {
                let flipped = plain[j, i] != masked[j, i]
                let function = plain.isFunction[i * plain.size + j] != 0
                #expect(flipped == (!function && conditions[mask](i, j)))
            }
        }
    }
}
