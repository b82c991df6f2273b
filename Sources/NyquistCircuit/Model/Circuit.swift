/// One element of a circuit: a kind and a label (the index the papers use: `2` in R2, Q2, n2).
public struct Element: Sendable, Hashable, Codable {
    public var kind: ElementKind
    /// The label after the kind's symbol: `"2"` for `R2`, `"_s"` for impedance.py's `R_s`, may be empty.
    public var label: String
    /// Values, fixed flags and bounds given inline (CDC `{…}` form), keyed by the slot symbol.
    public var inline: [String: ParameterSetting]

    public init(kind: ElementKind, label: String, inline: [String: ParameterSetting] = [:]) {
        self.kind = kind
        self.label = label
        self.inline = inline
    }

    /// `R2`, `Q2`, `Ws4`.
    public var name: String { kind.rawValue + label }

    /// The global names of this element's parameters, in slot order.
    ///
    /// Paper convention: single-parameter elements use the element name (`R1`, `C2`, `W4`); a CPE `Q2` has `Q2`
    /// and `n2`; other multi-parameter elements prefix the slot with the element name (`Ws4_R`, `Ws4_tau`).
    public var parameterNames: [String] { kind.parameterNames(name: name, label: label) }
}

/// A value, fixed flag and bounds for one parameter, as given inline or on the command line.
public struct ParameterSetting: Sendable, Hashable, Codable {
    public var value: Double?
    public var fixed: Bool
    public var lower: Double?
    public var upper: Double?

    public init(value: Double? = nil, fixed: Bool = false, lower: Double? = nil, upper: Double? = nil) {
        self.value = value
        self.fixed = fixed
        self.lower = lower
        self.upper = upper
    }
}

/// An equivalent circuit: elements joined in series and in parallel.
///
/// The tree is kept in a normal form by ``normalized()``: no series directly inside a series, no parallel directly
/// inside a parallel, no group of one. All three grammars parse into this form, so equal circuits compare equal.
public indirect enum Circuit: Sendable, Hashable, Codable {
    case element(Element)
    case series([Circuit])
    case parallel([Circuit])

    /// The elements in order of appearance (left to right, depth first), which is also parameter order.
    public var elements: [Element] {
        switch self {
        case .element(let e): return [e]
        case .series(let c), .parallel(let c): return c.flatMap(\.elements)
        }
    }

    /// The normal form: nested groups of the same kind merged, groups of one replaced by their member.
    public func normalized() -> Circuit {
        switch self {
        case .element:
            return self
        case .series(let children):
            let flat = children.map { $0.normalized() }.flatMap { child -> [Circuit] in
                if case .series(let inner) = child { return inner }
                return [child]
            }
            return flat.count == 1 ? flat[0] : .series(flat)
        case .parallel(let children):
            let flat = children.map { $0.normalized() }.flatMap { child -> [Circuit] in
                if case .parallel(let inner) = child { return inner }
                return [child]
            }
            return flat.count == 1 ? flat[0] : .parallel(flat)
        }
    }
}
