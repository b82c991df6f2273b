import Numerics

/// A circuit compiled for fast evaluation of Z(ω) and of every ∂Z/∂pₖ in one pass over the frequencies.
///
/// The tree becomes a post-order list of steps run on a small stack of complex values per frequency:
/// - an element pushes its Z and writes its partials into the Jacobian row at its parameter offset;
/// - a series group replaces its members by their sum (partials unchanged: ∂Z/∂p = ∂Zᵢ/∂p);
/// - a parallel group replaces its members Zᵢ by Z = 1/Σ(1/Zᵢ) and scales member i's partials by
///   ∂Z/∂Zᵢ = (Z/Zᵢ)², which is the chain rule because each member owns a contiguous range of parameters.
/// Parameter-only work (cos/sin of nπ/2, reciprocals, logarithms) is hoisted out of the frequency loop.
public struct EvaluationPlan: Sendable {
    public let circuit: Circuit
    /// Length of the flat parameter vector (see ``ParameterTable``).
    public let parameterCount: Int

    enum Step: Sendable {
        case element(ElementKind, offset: Int)
        case series(count: Int)
        /// `boundary` indexes `boundaries`: members' parameter ranges are boundaries[b]..<boundaries[b+1], … .
        case parallel(count: Int, boundary: Int)
    }

    let steps: [Step]
    let boundaries: [Int]
    let elementKinds: [(ElementKind, Int)]
    let stackDepth: Int

    public init(circuit: Circuit) {
        let normal = circuit.normalized()
        self.circuit = normal
        var steps: [Step] = []
        var boundaries: [Int] = []
        var offset = 0
        var maxDepth = 0
        func compile(_ node: Circuit, depth: Int) {
            switch node {
            case .element(let e):
                steps.append(.element(e.kind, offset: offset))
                offset += e.kind.slots.count
                maxDepth = max(maxDepth, depth + 1)
            case .series(let members):
                for (i, m) in members.enumerated() { compile(m, depth: depth + i) }
                steps.append(.series(count: members.count))
            case .parallel(let members):
                var local: [Int] = [offset]
                for (i, m) in members.enumerated() {
                    compile(m, depth: depth + i)
                    local.append(offset)
                }
                steps.append(.parallel(count: members.count, boundary: boundaries.count))
                boundaries.append(contentsOf: local)
            }
        }
        compile(normal, depth: 0)
        self.steps = steps
        self.boundaries = boundaries
        self.parameterCount = offset
        self.stackDepth = max(1, maxDepth)
        var kinds: [(ElementKind, Int)] = []
        for case .element(let k, let o) in steps { kinds.append((k, o)) }
        self.elementKinds = kinds
    }

    /// Z(ω) in Ω at every frequency of `grid` for the physical parameter vector `parameters`.
    public func impedance(_ grid: FrequencyGrid, parameters: [Double]) -> [Complex<Double>] {
        var z = [Complex<Double>](repeating: .zero, count: grid.count)
        parameters.withUnsafeBufferPointer { p in
            z.withUnsafeMutableBufferPointer { zb in evaluate(grid, parameters: p, impedance: zb, jacobian: nil) }
        }
        return z
    }

    /// Z(ω) and the Jacobian J[i·P + k] = ∂Z(ωᵢ)/∂pₖ (row-major, frequencies × parameters, physical units).
    public func impedanceAndJacobian(_ grid: FrequencyGrid, parameters: [Double])
        -> (impedance: [Complex<Double>], jacobian: [Complex<Double>])
    {
        var z = [Complex<Double>](repeating: .zero, count: grid.count)
        var j = [Complex<Double>](repeating: .zero, count: grid.count * parameterCount)
        parameters.withUnsafeBufferPointer { p in
            z.withUnsafeMutableBufferPointer { zb in
                j.withUnsafeMutableBufferPointer { jb in evaluate(grid, parameters: p, impedance: zb, jacobian: jb) }
            }
        }
        return (z, j)
    }

    /// The allocation-free core: writes Z into `impedance` (count = grid.count) and, when given, the row-major
    /// Jacobian into `jacobian` (count = grid.count × parameterCount).
    public func evaluate(_ grid: FrequencyGrid, parameters: UnsafeBufferPointer<Double>,
                         impedance: UnsafeMutableBufferPointer<Complex<Double>>,
                         jacobian: UnsafeMutableBufferPointer<Complex<Double>>?)
    {
        precondition(parameters.count == parameterCount, "parameter vector has the wrong length")
        precondition(impedance.count >= grid.count)
        let P = parameterCount
        guard let p = parameters.baseAddress else { return }
        withUnsafeTemporaryAllocation(of: HoistedConstants.self, capacity: elementKinds.count) { hoisted in
            for (i, (kind, offset)) in elementKinds.enumerated() { hoisted[i] = kind.hoist(p + offset) }
            withUnsafeTemporaryAllocation(of: Complex<Double>.self, capacity: stackDepth) { stack in
                let jac = jacobian?.baseAddress
                for i in 0..<grid.count {
                    let w = grid.omega[i], lw = grid.lnOmega[i]
                    let row = jac.map { $0 + i * P }
                    var sp = 0, leaf = 0
                    for step in steps {
                        switch step {
                        case .element(let kind, let offset):
                            stack[sp] = kind.impedance(p + offset, hoisted[leaf], omega: w, lnOmega: lw,
                                                       d: row.map { $0 + offset })
                            sp += 1
                            leaf += 1
                        case .series(let count):
                            var sum = stack[sp - count]
                            for k in (sp - count + 1)..<sp { sum += stack[k] }
                            sp -= count - 1
                            stack[sp - 1] = sum
                        case .parallel(let count, let b):
                            let base = sp - count
                            var y = Complex<Double>.zero
                            for k in base..<sp {
                                stack[k] = reciprocal(stack[k])  // keep Yₖ = 1/Zₖ for the chain rule
                                y += stack[k]
                            }
                            let z = reciprocal(y)
                            if let row {
                                for k in 0..<count {
                                    let f = z * stack[base + k]
                                    let scale = f * f  // (Z/Zₖ)²
                                    for c in boundaries[b + k]..<boundaries[b + k + 1] { row[c] = row[c] * scale }
                                }
                            }
                            sp = base + 1
                            stack[base] = z
                        }
                    }
                    impedance[i] = stack[0]
                }
            }
        }
    }
}

/// 1/z, fast when |z|² is a normal number, otherwise through swift-numerics' rescaled division.
@inline(__always)
func reciprocal(_ z: Complex<Double>) -> Complex<Double> {
    let d = z.real * z.real + z.imaginary * z.imaginary
    if d.isNormal && d.isFinite { return Complex(z.real / d, -z.imaginary / d) }
    return Complex(1, 0) / z
}
