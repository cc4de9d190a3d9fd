import TestSupport
/// Generates hostile variants of valid inputs: the byte-level mutations a fuzzer would make
/// (bit flips, interesting bytes, insertions, deletions, duplicated and cut ranges).
struct Mutator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// Bytes that matter to a JSON or SQLite parser: structure, escapes, digits, UTF-8 lead
    /// and continuation bytes, overlong and surrogate starts, NUL.
    static let interesting: [UInt8] = Array("{}[]\":,\\/-+.eE0189tfnu \t\n".utf8) + [0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]

    /// One to `maxEdits` random edits of `input`.
    mutating func mutate(_ input: [UInt8], maxEdits: Int = 3) -> [UInt8] {
        var b = input
        for _ in 0..<rng.int(1...maxEdits) { edit(&b) }
        return b
    }

    mutating func edit(_ b: inout [UInt8]) {
        if b.isEmpty { b.append(rng.chance(0.5) ? rng.byte() : rng.pick(Self.interesting)); return }
        let i = rng.int(0..<b.count)
        switch rng.int(0..<9) {
        case 0: b[i] ^= 1 << UInt8(rng.int(0..<8))
        case 1: b[i] = rng.byte()
        case 2: b[i] = rng.pick(Self.interesting)
        case 3: b.insert(rng.pick(Self.interesting), at: i)
        case 4: b.remove(at: i)
        case 5:  // delete a range
            let n = rng.int(1...min(16, b.count - i))
            b.removeSubrange(i..<i + n)
        case 6:  // duplicate a range
            let n = rng.int(1...min(16, b.count - i))
            b.insert(contentsOf: b[i..<i + n], at: rng.int(0...b.count))
        case 7: b.removeSubrange(i...)  // truncate
        default:  // swap two bytes
            b.swapAt(i, rng.int(0..<b.count))
        }
    }

    /// Random bytes, half the time from the JSON alphabet so that some get past the first byte.
    mutating func noise(maxLength: Int) -> [UInt8] {
        let n = rng.int(0...maxLength)
        if rng.chance(0.5) { return rng.bytes(n) }
        return (0..<n).map { _ in rng.pick(Self.interesting) }
    }
}
