/// The kinds of circuit element Nyquist knows, each with one documented parameterisation.
///
/// Throughout, `s = jω`, `ω = 2πf` (rad/s, f in Hz). Each kind's formula, analytic derivatives, parameter slots,
/// symbols and fitting hints live in one file under `Sources/NyquistCircuit/Elements/` (its ``ElementModel``);
/// ``descriptor`` summarises them. Converters to other programs' parameterisations live in ``ElementConversions``.
/// The raw value is the CDC symbol (and the prefix of element names).
public enum ElementKind: String, CaseIterable, Sendable, Codable, Hashable {
    /// Resistor, `Z = R` (R in Ω). `IdealElements.Resistor`.
    case resistor = "R"
    /// Capacitor, `Z = 1/(C s)` (C in F). `IdealElements.Capacitor`.
    case capacitor = "C"
    /// Inductor, `Z = L s` (L in H). `IdealElements.Inductor`.
    case inductor = "L"
    /// Constant-phase element, `Z = 1/(Q sⁿ)` (Q in F·s^(n−1), 0 < n ≤ 1). `ConstantPhaseElements.CPE`.
    case cpe = "Q"
    /// Modified inductance (EC-Lab AN42), `Z = La sⁿ` (La in H·s^(n−1), 0 < n ≤ 1).
    /// `ConstantPhaseElements.ModifiedInductor`.
    case modifiedInductor = "La"
    /// Semi-infinite Warburg, `Z = σ(1−j)/√ω = σ√2/√s` (σ in Ω·s^(−½)). `WarburgElements.Semi`.
    case warburg = "W"
    /// Finite-length transmissive Warburg ("short", EC-Lab Wd), `Z = R tanh(√(τ s))/√(τ s)` (R in Ω, τ in s).
    /// `WarburgElements.Short`.
    case warburgShort = "Ws"
    /// Finite-space reflective Warburg ("open", EC-Lab M), `Z = R coth(√(τ s))/√(τ s)` (R in Ω, τ in s).
    /// `WarburgElements.Open`.
    case warburgOpen = "Wo"
    /// Gerischer, `Z = R/√(1 + τ s)` (R in Ω, τ in s). `RelaxationElements.Gerischer`.
    case gerischer = "G"
    /// ZARC (R‖Q written with a time constant), `Z = R/(1 + (τ s)ⁿ)` (R in Ω, τ in s, 0 < n ≤ 1).
    /// `RelaxationElements.Zarc`.
    case zarc = "Zarc"
    /// Havriliak–Negami, `Z = R/(1 + (τ s)^α)^β` (R in Ω, τ in s, 0 < α ≤ 1, 0 < β ≤ 1).
    /// `RelaxationElements.HavriliakNegami`.
    case havriliakNegami = "H"
    /// de Levie transmission line, blocking, with a CPE interface:
    /// `Z = √(R_ion Z_s) coth(√(R_ion/Z_s))`, `Z_s = 1/(Q sⁿ)` (R_ion in Ω, Q in F·s^(n−1), 0 < n ≤ 1).
    /// `TransmissionLineElements.CPEInterface`.
    case transmissionLine = "Tlmq"
}

extension ElementKind {
    /// Runs `visitor` with this kind's model: the one `switch` from kinds to their ``ElementModel``s. Adding an
    /// element adds its case above and its line here; everything else about it lives in its model's file.
    @inline(__always)
    func visit<Visitor: ElementModelVisitor>(_ visitor: Visitor) -> Visitor.Result {
        switch self {
        case .resistor: return visitor.visit(IdealElements.Resistor.self)
        case .capacitor: return visitor.visit(IdealElements.Capacitor.self)
        case .inductor: return visitor.visit(IdealElements.Inductor.self)
        case .cpe: return visitor.visit(ConstantPhaseElements.CPE.self)
        case .modifiedInductor: return visitor.visit(ConstantPhaseElements.ModifiedInductor.self)
        case .warburg: return visitor.visit(WarburgElements.Semi.self)
        case .warburgShort: return visitor.visit(WarburgElements.Short.self)
        case .warburgOpen: return visitor.visit(WarburgElements.Open.self)
        case .gerischer: return visitor.visit(RelaxationElements.Gerischer.self)
        case .zarc: return visitor.visit(RelaxationElements.Zarc.self)
        case .havriliakNegami: return visitor.visit(RelaxationElements.HavriliakNegami.self)
        case .transmissionLine: return visitor.visit(TransmissionLineElements.CPEInterface.self)
        }
    }

    /// This kind's model, for the facts that are not on the evaluation path.
    var model: any ElementModel.Type { visit(ModelType()) }

    private struct ModelType: ElementModelVisitor {
        func visit<Model: ElementModel>(_ model: Model.Type) -> any ElementModel.Type { model }
    }

    /// The parameter slots of this kind, in the order they appear in the flat parameter vector.
    public var slots: [ParameterSlot] { model.slots }

    /// Everything documented about this kind: family, formula, symbols, slots, inline names.
    public var descriptor: ElementDescriptor {
        let m = model
        return ElementDescriptor(kind: self, family: m.family, name: m.name, formula: m.formula, symbols: m.symbols,
                                 slots: m.slots, inlineNames: m.inlineNames, formsArc: m.formsArc)
    }

    /// The global names of the parameters of an element of this kind named `name` with label `label`.
    func parameterNames(name: String, label: String) -> [String] { model.parameterNames(name: name, label: label) }
}
