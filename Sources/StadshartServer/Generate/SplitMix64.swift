import Foundation

/// The generator's only source of chance. SplitMix64 (Steele, Lea and Flood, 2014) is tiny and
/// fast, and every helper below is written out here rather than taken from the standard library,
/// whose `random(in:using:)` may change between Swift versions: a seed must give the same country
/// on every machine and with every compiler.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator of its own for one part (a centre), so that the part does not depend on how
    /// many numbers the parts before it drew.
    init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in the range (Lemire's multiply-high; the tiny bias does not matter here).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let count = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(count.multipliedFullWidth(by: next()).high)
    }

    mutating func int(in range: Range<Int>) -> Int { int(in: range.lowerBound...(range.upperBound - 1)) }

    /// In [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[int(in: 0..<items.count)] }

    /// One of the items, each as likely as its weight.
    mutating func pick<T>(weighted items: [(T, Int)]) -> T {
        var left = int(in: 0..<items.reduce(0) { $0 + $1.1 })
        for (item, weight) in items {
            if left < weight { return item }
            left -= weight
        }
        return items[items.count - 1].0
    }

    /// Spread evenly on a logarithmic scale: many small shops, a few large stores.
    mutating func logUniform(_ range: ClosedRange<Double>) -> Double {
        exp(double(in: log(range.lowerBound)...log(range.upperBound)))
    }

    /// Exponentially distributed around the mean: how long a tenant stays.
    mutating func exponential(mean: Double) -> Double { -mean * log(1 - unit()) }

    /// Fisher–Yates.
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var result = items
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(index, int(in: 0...index))
        }
        return result
    }

    /// A version-4 UUID from the stream, so two runs with one seed give the same ids.
    mutating func uuid() -> UUID {
        let (a, b) = (next(), next())
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: a >> (8 * index))
            bytes[index + 8] = UInt8(truncatingIfNeeded: b >> (8 * index))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
