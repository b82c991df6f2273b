/// Writes a circuit tree as text in each of the three syntaxes: the recursive printers behind
/// ``Circuit/text(in:parameters:)`` (impedance.py, EC-Lab, CDC with pyimpspec-style inline values).
enum CircuitPrinter {
    static func writeImpedancePy(_ c: Circuit, to out: inout String) {
        switch c {
        case .element(let e):
            out += e.kind.symbol(in: .impedancePy) + e.label
        case .series(let children):
            for (i, child) in children.enumerated() {
                if i > 0 { out += "-" }
                writeImpedancePy(child, to: &out)
            }
        case .parallel(let children):
            out += "p("
            for (i, child) in children.enumerated() {
                if i > 0 { out += "," }
                writeImpedancePy(child, to: &out)
            }
            out += ")"
        }
    }

    static func writeECLab(_ c: Circuit, insideParallel: Bool, to out: inout String) {
        switch c {
        case .element(let e):
            out += e.kind.symbol(in: .ecLab) + e.label
        case .series(let children):
            if insideParallel { out += "(" }
            for (i, child) in children.enumerated() {
                if i > 0 { out += "+" }
                writeECLab(child, insideParallel: false, to: &out)
            }
            if insideParallel { out += ")" }
        case .parallel(let children):
            for (i, child) in children.enumerated() {
                if i > 0 { out += "/" }
                writeECLab(child, insideParallel: true, to: &out)
            }
        }
    }

    /// Element name → slot symbol → parameter.
    typealias Lookup = [String: [String: Parameter]]

    static func index(_ table: ParameterTable) -> Lookup {
        var lookup: Lookup = [:]
        for p in table.parameters { lookup[p.element, default: [:]][p.symbol] = p }
        return lookup
    }

    static func writeCDC(_ c: Circuit, insideParallel: Bool, parameters: Lookup?, to out: inout String) {
        switch c {
        case .element(let e):
            out += e.kind.symbol(in: .cdc)
            if let values = parameters?[e.name] { writeInline(e.kind, values, to: &out) }
        case .series(let children):
            if insideParallel { out += "[" }
            for child in children { writeCDC(child, insideParallel: false, parameters: parameters, to: &out) }
            if insideParallel { out += "]" }
        case .parallel(let children):
            out += "("
            for child in children { writeCDC(child, insideParallel: true, parameters: parameters, to: &out) }
            out += ")"
        }
    }

    /// pyimpspec's inline form: each slot under its written ``InlineName`` if it has one (converted, e.g. the
    /// Warburg's Y = 1/(σ√2) with swapped bounds), then the element's written constants (`n=0.5F`).
    static func writeInline(_ kind: ElementKind, _ values: [String: Parameter], to out: inout String) {
        let inlineNames = kind.descriptor.inlineNames
        var items: [String] = []
        for slot in kind.slots {
            guard let p = values[slot.symbol] else { continue }
            let showBounds = p.lower != slot.lower || p.upper != slot.upper
            var name = slot.symbol
            var value = p.value, lower = p.lower, upper = p.upper
            if let alias = inlineNames.first(where: { $0.written && $0.slot == slot.symbol }) {
                name = alias.name
                if case .reciprocal = alias.meaning {
                    (value, lower, upper) = (alias.convert(p.value), alias.convert(p.upper), alias.convert(p.lower))
                }
            }
            var item = name + "=" + format(value) + (p.fixed ? "F" : "")
            if showBounds { item += "/" + format(lower) + "/" + format(upper) }
            items.append(item)
        }
        guard !items.isEmpty else { return }
        for alias in inlineNames where alias.written {
            if case .constant(let v) = alias.meaning { items.append(alias.name + "=" + format(v) + "F") }
        }
        out += "{" + items.joined(separator: ",") + "}"
    }

    /// Integers without a fraction (`10`), other values in Swift's shortest round-trip form (`1e-05`, `0.9`);
    /// `inf` for infinite bounds (a lower bound of −∞ is also written `inf`, pyimpspec's convention).
    static func format(_ x: Double) -> String {
        if x.isInfinite { return "inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
