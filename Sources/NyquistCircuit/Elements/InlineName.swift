/// A parameter name inside CDC braces (pyimpspec's spelling) that is not a slot symbol: `Q{Y=…}`, `W{Y=…,n=0.5}`.
public struct InlineName: Sendable, Hashable {
    /// What a value given under this name means.
    public enum Meaning: Sendable, Hashable {
        /// Another name for the slot with this symbol (`Y` for the CPE's `Q`).
        case slot(String)
        /// The slot's value is 1/(factor·x) for the value x given under this name; the bounds convert the same way
        /// and swap (pyimpspec's Warburg admittance Y = 1/(σ√2): factor √2).
        case reciprocal(of: String, factor: Double)
        /// A property of the element that is not a parameter: only this value is accepted, nothing is stored
        /// (pyimpspec's Warburg `n = 0.5`).
        case constant(Double)
    }

    public let name: String
    public let meaning: Meaning
    /// True when `Circuit.text(in: .cdc, parameters:)` writes this name (pyimpspec's own spelling) instead of the
    /// slot symbol; false for names that are only accepted.
    public let written: Bool

    public init(_ name: String, _ meaning: Meaning, written: Bool) {
        self.name = name
        self.meaning = meaning
        self.written = written
    }

    /// The slot symbol this name sets, or nil for a constant.
    public var slot: String? {
        switch meaning {
        case .slot(let s), .reciprocal(of: let s, factor: _): return s
        case .constant: return nil
        }
    }

    /// x ↦ 1/(factor·x) with 0 ↔ ∞ (for bounds); the identity for the other meanings.
    public func convert(_ x: Double) -> Double {
        guard case .reciprocal(_, let factor) = meaning else { return x }
        return x == 0 ? .infinity : (x.isInfinite ? 0 : 1 / (x * factor))
    }
}
