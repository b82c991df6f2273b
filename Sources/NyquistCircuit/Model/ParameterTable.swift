/// One parameter of a circuit: its name, unit, bounds, start value and whether it is fixed.
public struct Parameter: Sendable, Hashable, Codable {
    /// Global name (`R1`, `Q2`, `n2`, `Ws4_tau`).
    public var name: String
    /// Element it belongs to (`Q2`) and the slot symbol within it (`n`).
    public var element: String
    public var symbol: String
    public var unit: String
    public var meaning: String
    public var domain: ParameterDomain
    /// Start value (physical units).
    public var value: Double
    /// Bounds (physical units); `lower < upper`.
    public var lower: Double
    public var upper: Double
    /// Fixed parameters drop out of a fit.
    public var fixed: Bool
    /// Where this kind of parameter usually lies (for random starts when the bounds are open).
    public var typical: ClosedRange<Double>
    /// True when the start value was given by the user (inline or on the command line) rather than defaulted;
    /// a fit then starts from it instead of its own guess.
    public var startGiven: Bool = false
}

/// The flat, ordered parameter vector of a circuit and what each entry means.
///
/// Order is the order of appearance of the elements in the circuit, then slot order within an element: for
/// `R1-p(R2,CPE2)-p(R3,CPE3)` that is R1, R2, Q2, n2, R3, Q3, n3. Every other representation (CLI, JSON, store
/// columns) maps names through this table.
public struct ParameterTable: Sendable, Hashable, Codable, RandomAccessCollection {
    public var parameters: [Parameter]

    public var startIndex: Int { parameters.startIndex }
    public var endIndex: Int { parameters.endIndex }
    public subscript(position: Int) -> Parameter {
        get { parameters[position] }
        set { parameters[position] = newValue }
    }

    /// Defaults for every element of `circuit`, overridden by the inline settings the circuit text carried.
    public init(circuit: Circuit) {
        var list: [Parameter] = []
        for element in circuit.elements {
            for (slot, name) in zip(element.kind.slots, element.parameterNames) {
                var p = Parameter(name: name, element: element.name, symbol: slot.symbol, unit: slot.unit,
                                  meaning: slot.meaning, domain: slot.domain, value: slot.defaultValue,
                                  lower: slot.lower, upper: slot.upper, fixed: false,
                                  typical: slot.typical)
                if let s = element.inline[slot.symbol] { p.apply(s) }
                list.append(p)
            }
        }
        parameters = list
    }

    /// The names in order.
    public var names: [String] { parameters.map(\.name) }

    /// The start values in order.
    public var values: [Double] { parameters.map(\.value) }

    /// A copy with these start values (same order and count).
    public func withValues(_ values: [Double]) -> ParameterTable {
        var t = self
        for (i, v) in zip(t.indices, values) { t[i].value = v }
        return t
    }

    /// Index of the parameter called `name`, or nil.
    public func index(of name: String) -> Int? { parameters.firstIndex { $0.name == name } }

    /// Applies a setting to the parameter called `name`.
    /// - Throws: ``ParameterError/unknownParameter(_:known:)`` or ``ParameterError/invalidSetting(_:reason:)``.
    public mutating func apply(_ setting: ParameterSetting, to name: String) throws(ParameterError) {
        guard let i = index(of: name) else { throw .unknownParameter(name, known: names) }
        var p = parameters[i]
        p.apply(setting)
        // A fixed value outside bounds set later in the same batch of settings is left for the final check
        // (``Parameter/validationFailure``, which a fit makes): settings may come in any order.
        if let reason = p.failure(checkingFixedValue: false) { throw .invalidSetting(name, reason: reason) }
        parameters[i] = p
    }
}

extension Parameter {
    mutating func apply(_ s: ParameterSetting) {
        if let v = s.value {
            value = v
            startGiven = true
        }
        if let l = s.lower { lower = l }
        if let u = s.upper { upper = u }
        if s.fixed { fixed = true }
        // A default start that new bounds exclude is not the user's: move it inside them (geometric centre of a
        // finite positive box, else the nearer bound nudged inwards), so `--bound R3=200:300` is not refused for a
        // default start of 100 Ω that the fit would replace by its own guess anyway.
        if !startGiven, !fixed, lower < upper, !(value >= lower && value <= upper) {
            if lower > 0, upper.isFinite { value = (lower * upper).squareRoot() }
            else if value < lower { value = upper.isFinite ? (lower + upper) / 2 : (lower > 0 ? lower * 2 : lower + 1) }
            else { value = lower.isFinite ? (lower + upper) / 2 : upper - 1 }
        }
    }

    /// Why this parameter's value and bounds are not usable, or nil when they are: a value or bound outside the
    /// domain, bounds in the wrong order, or a value (fixed or not) outside its bounds.
    public var validationFailure: String? { failure(checkingFixedValue: true) }

    func failure(checkingFixedValue: Bool) -> String? {
        guard value.isFinite, !lower.isNaN, !upper.isNaN else { return "value and bounds must be numbers" }
        if lower >= upper { return "lower bound \(lower) is not below upper bound \(upper)" }
        switch domain {
        case .positive:
            if value <= 0 { return "\(symbol) must be > 0 \(unit) (got \(value))" }
            if lower < 0 { return "lower bound of \(symbol) must be ≥ 0 (got \(lower))" }
        case .exponent:
            if !(value > 0 && value <= 1) { return "\(symbol) must satisfy 0 < \(symbol) ≤ 1 (got \(value))" }
            if lower < 0 || upper > 1 { return "bounds of \(symbol) must lie within [0, 1]" }
        }
        if (checkingFixedValue || !fixed) && (value < lower || value > upper) {
            return "\(fixed ? "fixed value" : "start value") \(value) lies outside its bounds [\(lower), \(upper)]"
        }
        return nil
    }
}

/// Errors about parameter names and settings.
public enum ParameterError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownParameter(String, known: [String])
    case invalidSetting(String, reason: String)
    case missingParameters([String])

    public var description: String {
        switch self {
        case .unknownParameter(let name, let known):
            return "unknown parameter '\(name)'; this circuit has: \(known.joined(separator: ", "))"
        case .invalidSetting(let name, let reason):
            return "invalid setting for \(name): \(reason)"
        case .missingParameters(let names):
            return "missing parameter value\(names.count == 1 ? "" : "s"): \(names.joined(separator: ", "))"
        }
    }
}
