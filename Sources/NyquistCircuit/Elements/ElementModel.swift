import Numerics

/// Everything Nyquist knows about one element kind, in one place.
///
/// One caseless enum per ``ElementKind`` conforms, grouped by family in `Sources/NyquistCircuit/Elements/`
/// (`IdealElements`, `ConstantPhaseElements`, `WarburgElements`, `RelaxationElements`, `TransmissionLineElements`).
/// Each holds:
/// - the formula Z(ω; p) and its analytic partials ∂Z/∂pₖ (``impedance(_:_:omega:lnOmega:partials:)``), with the
///   frequency-independent part hoisted into a per-kind ``Constants`` value whose fields are named;
/// - the parameter slots (symbols, units, domains, defaults, typical ranges) and the parameter-naming rule;
/// - the symbols in every circuit syntax and pyimpspec's inline CDC names;
/// - the hints the fitter reads: the initial-guess rules and the arc-ordering time constant.
///
/// ``ElementKind`` stays the fast enum: ``ElementKind/visit(_:)`` is its one `switch` over the kinds, and the
/// evaluation loop is generic over the model, so each kind's loop is specialised with its formula inlined — no
/// existential, no allocation per evaluation.
protocol ElementModel {
    /// Parameter-only quantities (cos/sin of nπ/2, reciprocals, logarithms), computed once per parameter vector
    /// by ``hoist(_:)`` and reused at every frequency. `Void` when there are none.
    associatedtype Constants

    /// Family this kind belongs to, as shown in the docs (`"Warburg"`).
    static var family: String { get }
    /// Plain name (`"finite-length transmissive Warburg"`).
    static var name: String { get }
    /// Z(ω; p) as text, with s = jω (`"Z = R tanh(√(τ s))/√(τ s)"`).
    static var formula: String { get }
    /// How each circuit syntax spells the kind.
    static var symbols: ElementSymbols { get }
    /// The parameter slots, in the order of the flat parameter vector.
    static var slots: [ParameterSlot] { get }
    /// pyimpspec's names inside CDC braces where they differ from the slot symbols (default: none).
    static var inlineNames: [InlineName] { get }
    /// Global parameter names of an element named `name` (`Q2`) with label `label` (`2`). Default: the element
    /// name for a one-slot kind (`R1`), otherwise `name_symbol` (`Ws4_tau`).
    static func parameterNames(name: String, label: String) -> [String]

    /// The frequency-independent part of the formula from the parameters `p` (slot order, physical units).
    static func hoist(_ p: UnsafePointer<Double>) -> Constants
    /// Z(ω) in Ω at angular frequency `omega` (rad/s, `lnOmega` = ln ω); when `partials` is non-nil, ∂Z/∂pₖ
    /// (physical units) is written to `partials[k]` for every slot k.
    static func impedance(_ p: UnsafePointer<Double>, _ c: Constants, omega: Double, lnOmega: Double,
                          partials: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double>

    /// True when the element alone makes one arc in the Nyquist plot (ZARC, HN, Gerischer). Default false.
    static var formsArc: Bool { get }
    /// Start values (slot order, nil = no opinion) when the element is part of an arc read off the spectrum.
    static func startInArc(_ arc: ArcReading, _ spectrum: SpectrumReading) -> [Double?]
    /// Start values when the element is a bare series term; `earlier` counts bare series terms of the same kind
    /// to its left.
    static func startInSeries(_ spectrum: SpectrumReading, earlier: Int) -> [Double?]
    /// τ (s) of the arc the element makes alone (``formsArc``), from its parameters `p`.
    static func arcTimeConstant(_ p: [Double]) -> Double?
    /// The resistance (Ω) the element puts in parallel with a capacitive element to make an arc (R in R‖Q).
    static func arcResistance(_ p: [Double]) -> Double?
    /// τ (s) of the arc the element makes in parallel with a resistance `r` (Ω): R‖C τ = R C, R‖Q τ = (R Q)^(1/n).
    static func arcTimeConstant(parallelResistance r: Double, _ p: [Double]) -> Double?
}

extension ElementModel {
    static var inlineNames: [InlineName] { [] }
    static func parameterNames(name: String, label: String) -> [String] {
        slots.count == 1 ? [name] : slots.map { name + "_" + $0.symbol }
    }
    static var formsArc: Bool { false }
    static func startInArc(_ arc: ArcReading, _ spectrum: SpectrumReading) -> [Double?] { [] }
    static func startInSeries(_ spectrum: SpectrumReading, earlier: Int) -> [Double?] { [] }
    static func arcTimeConstant(_ p: [Double]) -> Double? { nil }
    static func arcResistance(_ p: [Double]) -> Double? { nil }
    static func arcTimeConstant(parallelResistance r: Double, _ p: [Double]) -> Double? { nil }
}

extension ElementModel where Constants == Void {
    @inline(__always)
    static func hoist(_ p: UnsafePointer<Double>) -> Void { () }
}

/// A generic operation over element models, run for one kind by ``ElementKind/visit(_:)``.
protocol ElementModelVisitor {
    associatedtype Result
    func visit<Model: ElementModel>(_ model: Model.Type) -> Result
}

/// e^(jθ) as its cosine and sine: the phase factor of (jω)ⁿ = ωⁿ e^(jnπ/2).
struct Phasor {
    let cos: Double
    let sin: Double

    /// e^(jθ), θ in radians.
    @inline(__always)
    init(angle: Double) {
        cos = Double.cos(angle)
        sin = Double.sin(angle)
    }
}
