import CKernels
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
                maxDepth = max(maxDepth, depth + members.count + 1)
                steps.append(.parallel(count: members.count, boundary: boundaries.count))
                boundaries.append(contentsOf: local)
            }
        }
        compile(normal, depth: 0)
        self.steps = steps
        self.boundaries = boundaries
        self.parameterCount = offset
        self.stackDepth = max(1, maxDepth)
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
    ///
    /// Element-major: each step runs over all frequencies before the next, on a stack of per-frequency arrays, so
    /// the inner loops are branch-free over ω.
    public func evaluate(_ grid: FrequencyGrid, parameters: UnsafeBufferPointer<Double>,
                         impedance: UnsafeMutableBufferPointer<Complex<Double>>,
                         jacobian: UnsafeMutableBufferPointer<Complex<Double>>?)
    {
        precondition(parameters.count == parameterCount, "parameter vector has the wrong length")
        precondition(impedance.count >= grid.count)
        precondition(jacobian.map { $0.count >= grid.count * parameterCount } ?? true)
        let m = grid.count
        guard m > 0, let p = parameters.baseAddress, let zOut = impedance.baseAddress else { return }
        let jac = jacobian?.baseAddress
        let P = parameterCount
        withUnsafeTemporaryAllocation(of: Complex<Double>.self, capacity: stackDepth * m) { stackBuffer in
            guard let stack = stackBuffer.baseAddress else { return }
            grid.omega.withUnsafeBufferPointer { omega in
                grid.lnOmega.withUnsafeBufferPointer { lnOmega in
                    var sp = 0
                    for step in steps {
                        switch step {
                        case .element(let kind, let offset):
                            kind.impedances(p + offset, omega: omega, lnOmega: lnOmega, into: stack + sp * m,
                                            jacobian: jac.map { $0 + offset }, stride: P)
                            sp += 1
                        case .series(let count):
                            let first = stack + (sp - count) * m
                            for k in 1..<count {
                                let member = stack + (sp - count + k) * m
                                for i in 0..<m { first[i] += member[i] }
                            }
                            sp -= count - 1
                        case .parallel(2, let b):
                            let first = stack + (sp - 2) * m
                            let ranges = (boundaries[b]..<boundaries[b + 1], boundaries[b + 1]..<boundaries[b + 2])
                            Self.parallelPair(first, first + m, count: m, jacobian: jac, stride: P, ranges: ranges)
                            sp -= 1
                        case .parallel(let count, let b):
                            let base = sp - count
                            let total = stack + sp * m  // scratch slot above the members
                            for i in 0..<m { total[i] = .zero }
                            for k in 0..<count {
                                let member = stack + (base + k) * m
                                for i in 0..<m {
                                    member[i] = reciprocal(member[i])  // keep Yₖ = 1/Zₖ for the chain rule
                                    total[i] += member[i]
                                }
                            }
                            for i in 0..<m { total[i] = reciprocal(total[i]) }
                            if let jac {
                                for k in 0..<count {
                                    let member = stack + (base + k) * m
                                    let lo = boundaries[b + k], hi = boundaries[b + k + 1]
                                    for i in 0..<m {
                                        let f = total[i] * member[i]
                                        let scale = f * f  // (Z/Zₖ)² = (Z·Yₖ)²
                                        let row = jac + i * P
                                        for c in lo..<hi { row[c] = row[c] * scale }
                                    }
                                }
                            }
                            let target = stack + base * m
                            for i in 0..<m { target[i] = total[i] }
                            sp = base + 1
                        }
                    }
                    zOut.update(from: stack, count: m)
                }
            }
        }
    }
}

extension EvaluationPlan {
    /// Two members A and B in parallel, per frequency: with r = 1/(A + B), Z = A·B·r and ∂Z/∂A = (Z/A)² = (B·r)²,
    /// ∂Z/∂B = (A·r)² — one division instead of the three of 1/(1/A + 1/B). Z replaces A; the members' partials
    /// (columns `ranges.0` and `ranges.1` of each Jacobian row) are scaled. CKernels' `nyq_parallel_pair` does this
    /// four points at a time (the operations of swift-numerics' complex product, in its order); a point where A or B
    /// is not finite, A + B is not safely invertible or Z overflows takes the general form through the admittances.
    static func parallelPair(_ a: UnsafeMutablePointer<Complex<Double>>, _ b: UnsafePointer<Complex<Double>>,
                             count m: Int, jacobian: UnsafeMutablePointer<Complex<Double>>?, stride P: Int,
                             ranges: (Range<Int>, Range<Int>)) {
        // In chunks of 64 points, so that the list of points handed back (512 bytes) stays on the stack.
        let chunk = 64
        withUnsafeTemporaryAllocation(of: Int.self, capacity: chunk) { slow in
            guard let indices = slow.baseAddress else { return }
            // Complex<Double> is two Doubles (real, imaginary): the kernel reads the arrays as interleaved pairs.
            let ad = UnsafeMutableRawPointer(a).assumingMemoryBound(to: Double.self)
            let bd = UnsafeRawPointer(b).assumingMemoryBound(to: Double.self)
            let jd = jacobian.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Double.self) }
            for start in Swift.stride(from: 0, to: m, by: chunk) {
                let count = nyq_parallel_pair(ad + 2 * start, bd + 2 * start, min(chunk, m - start),
                                              jd.map { $0 + 2 * start * P }, P, ranges.0.lowerBound,
                                              ranges.0.upperBound, ranges.1.lowerBound, ranges.1.upperBound, indices)
                for k in 0..<count {
                    let i = start + indices[k]
                    let ya = reciprocal(a[i]), yb = reciprocal(b[i])
                    let z = reciprocal(ya + yb)
                    let fa = z * ya, fb = z * yb
                    a[i] = z
                    if let jacobian {
                        let row = jacobian + i * P
                        let sa = fa * fa, sb = fb * fb
                        for c in ranges.0 { row[c] = row[c] * sa }
                        for c in ranges.1 { row[c] = row[c] * sb }
                    }
                }
            }
        }
    }
}

/// 1/z = conj(z)·(1/|z|²): one division, fast when |z|² is a normal number below 1e300 (so that 1/|z|² is normal
/// too), otherwise through swift-numerics' rescaled division.
@inline(__always)
func reciprocal(_ z: Complex<Double>) -> Complex<Double> {
    let d = z.real * z.real + z.imaginary * z.imaginary
    if d.isNormal && d < 1e300 {
        let r = 1 / d
        return Complex(z.real * r, -z.imaginary * r)
    }
    return Complex(1, 0) / z
}
