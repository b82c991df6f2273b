import Numerics

/// What the initial guess reads off a measured spectrum before asking each element for its start values
/// (``ElementKind/startInSeries(_:earlier:)``).
public struct SpectrumReading: Sendable, Hashable {
    /// Highest and lowest angular frequency, ω = 2πf (rad/s).
    public var omegaHigh: Double
    public var omegaLow: Double
    /// Z (Ω) at the highest and at the lowest frequency.
    public var zHigh: Complex<Double>
    public var zLow: Complex<Double>
    /// Largest |Z| (Ω), floored at 1e-12.
    public var scale: Double

    public init(omegaHigh: Double, omegaLow: Double, zHigh: Complex<Double>, zLow: Complex<Double>, scale: Double) {
        self.omegaHigh = omegaHigh
        self.omegaLow = omegaLow
        self.zHigh = zHigh
        self.zLow = zLow
        self.scale = scale
    }

    /// High-frequency intercept Z′(f_max) (Ω), at least 1e-3 of ``scale``.
    public var intercept: Double { max(zHigh.real, 1e-3 * scale) }
    /// σ = −Z″·√ω at f_min (Ω·s^(−½)): a Warburg's own −Z″ is σ/√ω.
    public var warburgSigma: Double { max(-zLow.imaginary, 1e-9) * omegaLow.squareRoot() }
    /// C = −1/(ω Z″) at f_min (F): the capacitance of a series capacitor that explains the low-frequency tail.
    public var lowFrequencyCapacitance: Double { 1 / (omegaLow * max(-zLow.imaginary, 1e-12 * scale)) }
    /// Z′(f_min) − Z′(f_max) (Ω), at least 0.1 of ``scale``: the resistance added between the two ends.
    public var lowFrequencyExcessResistance: Double { max(zLow.real - intercept, 0.1 * scale) }
}

/// One arc read off −Z″(f): its apex, turned into the R, τ and n of an R‖Q (or ZARC) that has it.
public struct ArcReading: Sendable, Hashable {
    /// R = 2(−Z″_apex)/tan(nπ/4) (Ω).
    public var resistance: Double
    /// τ = 1/ω_apex (s).
    public var timeConstant: Double
    /// The depression exponent assumed (n).
    public var exponent: Double

    public init(resistance: Double, timeConstant: Double, exponent: Double) {
        self.resistance = resistance
        self.timeConstant = timeConstant
        self.exponent = exponent
    }
}
