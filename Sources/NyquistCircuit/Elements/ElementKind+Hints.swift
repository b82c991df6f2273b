/// The fitting hints of each kind, read by the initial guess and the arc ordering (NyquistFit); the facts live in
/// each kind's model file.
extension ElementKind {
    /// True when an element of this kind alone makes one arc in the Nyquist plot (ZARC, HN, Gerischer).
    public var formsArc: Bool { model.formsArc }

    /// Start values in slot order (nil: keep the default) for an element inside an arc read off the spectrum:
    /// an R‖Q arc with apex −Z″ and apex frequency ω_p gives R = 2(−Z″)/tan(nπ/4), τ = 1/ω_p (``ArcReading``).
    public func startInArc(_ arc: ArcReading, _ spectrum: SpectrumReading) -> [Double?] {
        model.startInArc(arc, spectrum)
    }

    /// Start values in slot order (nil: keep the default) for an element that is a bare series term; `earlier`
    /// counts the bare series terms of the same kind to its left.
    public func startInSeries(_ spectrum: SpectrumReading, earlier: Int) -> [Double?] {
        model.startInSeries(spectrum, earlier: earlier)
    }

    /// τ (s) of the arc an element of this kind makes alone, from its parameters (slot order); nil when it makes
    /// none.
    public func arcTimeConstant(_ parameters: [Double]) -> Double? { model.arcTimeConstant(parameters) }

    /// The resistance (Ω) an element of this kind contributes as the resistive branch of an R‖X arc, or nil.
    public func arcResistance(_ parameters: [Double]) -> Double? { model.arcResistance(parameters) }

    /// τ (s) of the arc an element of this kind makes in parallel with a resistance `r` (Ω), or nil:
    /// R‖C τ = R C, R‖Q τ = (R Q)^(1/n).
    public func arcTimeConstant(parallelResistance r: Double, _ parameters: [Double]) -> Double? {
        model.arcTimeConstant(parallelResistance: r, parameters)
    }
}
