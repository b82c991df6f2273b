import Numerics
import NyquistCircuit

/// Keeps interchangeable arcs in a fixed order so that element identity is stable (no "label switching").
///
/// Series composition commutes, so two top-level series terms of the same shape (e.g. `p(R2,CPE2)` and
/// `p(R3,CPE3)`) can trade parameter values without changing Z(ω) at all. This sorts every such group by its
/// characteristic time constant, fastest first: R‖Q τ = (R Q)^(1/n), R‖C τ = R C, ZARC/HN/Gerischer τ as fitted.
/// With the papers' circuit this enforces τ2 < τ3: R2 is the high-frequency (grain-boundary) arc.
/// Groups whose members differ in fixed flags or bounds are left alone.
enum ArcOrdering {
    /// Returns the reordered vector and whether anything moved.
    static func canonical(_ values: [Double], circuit: Circuit, table: ParameterTable) -> ([Double], Bool) {
        let terms: [Circuit]
        if case .series(let members) = circuit.normalized() { terms = members } else { return (values, false) }
        var offsets: [Int] = []
        var o = 0
        for t in terms {
            offsets.append(o)
            o += t.elements.reduce(0) { $0 + $1.kind.slots.count }
        }
        var groups: [Shape: [Int]] = [:]
        for (i, t) in terms.enumerated() { groups[Shape(t), default: []].append(i) }
        var out = values
        var moved = false
        for (_, members) in groups where members.count > 1 {
            let width = terms[members[0]].elements.reduce(0) { $0 + $1.kind.slots.count }
            // Members must be interchangeable in everything but their values.
            let signature = { (m: Int) in (0..<width).map { k -> [Double] in
                let p = table[offsets[m] + k]
                return [p.fixed ? 1 : 0, p.lower, p.upper]
            } }
            guard members.allSatisfy({ signature($0) == signature(members[0]) }) else { continue }
            var taus: [(tau: Double, member: Int)] = []
            for m in members {
                guard let tau = timeConstant(terms[m], Array(values[offsets[m]..<(offsets[m] + width)])) else { break }
                taus.append((tau, m))
            }
            guard taus.count == members.count else { continue }
            let sorted = taus.sorted { $0.tau < $1.tau }
            for (slot, source) in zip(members, sorted.map(\.member)) where slot != source {
                moved = true
                for k in 0..<width { out[offsets[slot] + k] = values[offsets[source] + k] }
            }
        }
        return (out, moved)
    }

    /// τ of an arc from its parameters (slot order), or nil for shapes without one: an element that makes an arc
    /// alone gives its own τ (``ElementKind/arcTimeConstant(_:)``); a parallel pair of a resistance and a
    /// capacitive element gives the pair's (``ElementKind/arcTimeConstant(parallelResistance:_:)``).
    static func timeConstant(_ term: Circuit, _ p: [Double]) -> Double? {
        let elements = term.elements
        switch term {
        case .element(let e) where e.kind.formsArc:
            return e.kind.arcTimeConstant(p)
        case .parallel where elements.count == 2:
            let a = elements[0].kind, b = elements[1].kind
            let pa = Array(p[0..<a.slots.count]), pb = Array(p[a.slots.count...])
            if let r = a.arcResistance(pa), let tau = b.arcTimeConstant(parallelResistance: r, pb) { return tau }
            if let r = b.arcResistance(pb), let tau = a.arcTimeConstant(parallelResistance: r, pa) { return tau }
            return nil
        default: return nil
        }
    }

    /// The shape of a term with labels erased: terms of equal shape are interchangeable.
    struct Shape: Hashable {
        let text: String
        init(_ c: Circuit) {
            func describe(_ c: Circuit) -> String {
                switch c {
                case .element(let e): return e.kind.rawValue
                case .series(let m): return "s(" + m.map(describe).joined(separator: ",") + ")"
                case .parallel(let m): return "p(" + m.map(describe).joined(separator: ",") + ")"
                }
            }
            text = describe(c)
        }
    }
}
