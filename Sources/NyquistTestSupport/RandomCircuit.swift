import NyquistCircuit

extension Circuit {
    /// A random circuit for property tests: up to `maxDepth` levels of series/parallel groups, every element kind,
    /// unique labels, in normal form.
    public static func random(using g: inout SeededGenerator, maxDepth: Int = 3, kinds: [ElementKind] = ElementKind.allCases)
        -> Circuit
    {
        var counter = 0
        func make(_ depth: Int) -> Circuit {
            if depth == 0 || Int.random(in: 0..<3, using: &g) == 0 {
                counter += 1
                let kind = kinds[Int.random(in: 0..<kinds.count, using: &g)]
                return .element(Element(kind: kind, label: String(counter)))
            }
            let n = Int.random(in: 2...3, using: &g)
            let members = (0..<n).map { _ in make(depth - 1) }
            return Bool.random(using: &g) ? .series(members) : .parallel(members)
        }
        return make(maxDepth).normalized()
    }
}

extension ParameterTable {
    /// Random physical values: log-uniform in each parameter's typical range.
    public func randomValues(using g: inout SeededGenerator) -> [Double] {
        parameters.map { p in
            p.domain == .exponent ? Double.random(in: 0.3...1, using: &g) : g.logUniform(p.typical)
        }
    }
}
