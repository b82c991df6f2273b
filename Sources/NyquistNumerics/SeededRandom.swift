import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator. Every random choice in Nyquist draws
/// from one of these, so a seed reproduces a fit, a bootstrap or a synthetic series exactly on any machine and any
/// number of threads.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A log-uniform sample in `range` (both ends > 0): exp(U(ln a, ln b)). The ends are first clamped to the
    /// finite positive doubles [`leastNormalMagnitude`, `greatestFiniteMagnitude`], so a zero, subnormal or
    /// infinite end gives a finite sample instead of a trap on an infinite range.
    public mutating func logUniform(_ range: ClosedRange<Double>) -> Double {
        let a = min(max(range.lowerBound, .leastNormalMagnitude), .greatestFiniteMagnitude)
        let b = min(max(range.upperBound, a), .greatestFiniteMagnitude)
        let lo = log(a), hi = log(b)
        return min(max(exp(lo < hi ? Double.random(in: lo...hi, using: &self) : lo), a), b)
    }

    /// A standard normal sample (Box–Muller).
    public mutating func normal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne...1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
