import Numerics

/// Measurement frequencies with the per-frequency quantities the evaluation needs, computed once.
public struct FrequencyGrid: Sendable, Hashable {
    /// f in Hz.
    public let frequencies: [Double]
    /// ω = 2πf in rad/s.
    public let omega: [Double]
    /// ln ω.
    public let lnOmega: [Double]

    /// - Throws: ``FrequencyGridError`` when a frequency is not a finite number > 0 Hz.
    public init(frequencies: [Double]) throws(FrequencyGridError) {
        for (i, f) in frequencies.enumerated() where !(f.isFinite && f > 0) {
            throw .invalidFrequency(index: i, value: f)
        }
        self.frequencies = frequencies
        omega = frequencies.map { 2 * .pi * $0 }
        lnOmega = omega.map { Double.log($0) }
    }

    public var count: Int { frequencies.count }

    /// Log-spaced frequencies from `start` to `stop` Hz (either order) with `pointsPerDecade` points per decade,
    /// both ends included: the grid `nyquist simulate --freq start:stop:ppd` uses.
    public static func logSpaced(from start: Double, to stop: Double, pointsPerDecade: Int) throws(FrequencyGridError)
        -> FrequencyGrid
    {
        guard start.isFinite, stop.isFinite, start > 0, stop > 0 else {
            throw .invalidRange("start and stop must be finite frequencies > 0 Hz")
        }
        guard pointsPerDecade >= 1, pointsPerDecade <= 10_000 else {
            throw .invalidRange("points per decade must be between 1 and 10000")
        }
        let decades = Double.log10(stop) - Double.log10(start)
        let intervals = Int((abs(decades) * Double(pointsPerDecade)).rounded())
        guard intervals <= 1_000_000 else { throw .invalidRange("more than 1 000 000 points requested") }
        if intervals == 0 { return try FrequencyGrid(frequencies: [start]) }
        let a = Double.log10(start)
        let freqs = (0...intervals).map { k in Double.pow(10, a + decades * Double(k) / Double(intervals)) }
        return try FrequencyGrid(frequencies: freqs)
    }
}

public enum FrequencyGridError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidFrequency(index: Int, value: Double)
    case invalidRange(String)

    public var description: String {
        switch self {
        case .invalidFrequency(let i, let v): return "point \(i + 1): frequency \(v) Hz is not a finite number > 0"
        case .invalidRange(let why): return "invalid frequency range: \(why)"
        }
    }
}
