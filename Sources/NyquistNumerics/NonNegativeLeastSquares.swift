/// The solution of a non-negative least-squares problem, with its optimality (Karush–Kuhn–Tucker) check.
public struct NonNegativeLeastSquaresSolution: Sendable, Hashable, Codable {
    /// x, length n; xᵢ ≥ 0 for every constrained i (exactly 0 on the active set, never clipped).
    public var coefficients: [Double]
    /// The passive set: indices of the coefficients left free by the constraints (xᵢ > 0, or unconstrained).
    public var passiveSet: [Int]
    /// Outer (Lawson–Hanson) iterations used.
    public var iterations: Int
    /// The largest violation of the KKT conditions at x, with the gradient g = h − G·x of −½xᵀGx + hᵀx:
    /// |gᵢ| on the passive set, max(gᵢ, 0) on the active set, max(−xᵢ, 0) for feasibility.
    public var kktViolation: Double
    /// The tolerance the KKT conditions are checked against (units of h).
    public var tolerance: Double
    /// Whether the KKT conditions hold to ``tolerance`` (x is then the exact constrained minimiser, up to rounding).
    public var satisfiesKKT: Bool { kktViolation <= tolerance }

    public init(coefficients: [Double], passiveSet: [Int], iterations: Int, kktViolation: Double, tolerance: Double) {
        self.coefficients = coefficients
        self.passiveSet = passiveSet
        self.iterations = iterations
        self.kktViolation = kktViolation
        self.tolerance = tolerance
    }
}

/// Non-negative least squares by the Lawson–Hanson active-set method (Lawson & Hanson 1974, ch. 23), worked on the
/// normal equations as in Bro & De Jong's fast NNLS (1997): minimise ½xᵀGx − hᵀx subject to xᵢ ≥ 0 for the
/// constrained i, where G = AᵀA (+ λLᵀL for Tikhonov-regularised problems) and h = Aᵀb, i.e. ‖A·x − b‖² (+ λ‖L·x‖²).
/// Each passive-set subproblem G_PP·z = h_P is solved by a Cholesky factorisation (Swift, no GSL call: the
/// matrices are small, ≤ a few hundred, and reused across warm starts). The result is exact, not clipped: the
/// KKT conditions are checked at the end and reported in ``NonNegativeLeastSquaresSolution/kktViolation``.
public enum NonNegativeLeastSquares {
    /// Solves min ‖A·x − b‖² subject to x ≥ 0 (constrained entries) by forming G = AᵀA and h = Aᵀb.
    ///
    /// - Parameters:
    ///   - design: A, row-major m×n (element (i, j) at `i * columns + j`), finite.
    ///   - rhs: b, length m, finite.
    ///   - nonNegative: which coefficients are constrained (length n); `nil` means all.
    /// - Throws: `.badDimensions`, `.lengthMismatch`, `.nonFiniteInput`.
    public static func solve(
        design: [Double], rows: Int, columns: Int, rhs: [Double], nonNegative: [Bool]? = nil
    ) throws(GSLError) -> NonNegativeLeastSquaresSolution {
        guard rows > 0, columns > 0, !rows.multipliedReportingOverflow(by: columns).overflow else {
            throw .badDimensions(rows: rows, columns: columns, reason: "row and column counts must be positive")
        }
        try requireLength(design, rows * columns, argument: "design")
        try requireFinite(design, argument: "design")
        try requireLength(rhs, rows, argument: "rhs")
        try requireFinite(rhs, argument: "rhs")
        var gram = [Double](repeating: 0, count: columns * columns)
        var linear = [Double](repeating: 0, count: columns)
        for i in 0..<rows {
            let row = i * columns
            for a in 0..<columns {
                let va = design[row + a]
                if va == 0 { continue }
                linear[a] += va * rhs[i]
                for b in a..<columns { gram[a * columns + b] += va * design[row + b] }
            }
        }
        for a in 0..<columns { for b in 0..<a { gram[a * columns + b] = gram[b * columns + a] } }
        return try solve(gram: gram, linear: linear, count: columns, nonNegative: nonNegative)
    }

    /// Solves min ½xᵀGx − hᵀx subject to xᵢ ≥ 0 for the constrained i.
    ///
    /// - Parameters:
    ///   - gram: G, symmetric positive semi-definite n×n, row-major, finite.
    ///   - linear: h, length n, finite.
    ///   - count: n ≥ 1.
    ///   - nonNegative: which coefficients are constrained (length n); `nil` means all.
    ///   - warmStart: a previous solution (e.g. at a neighbouring λ): its positive entries form the starting
    ///     passive set, which usually leaves only a few active-set changes.
    ///   - tolerance: the KKT tolerance on the gradient (units of h); default 10⁻¹⁰·max(‖h‖∞, max Gᵢᵢ·‖x‖∞)·n.
    /// - Throws: `.badDimensions`, `.lengthMismatch`, `.nonFiniteInput`.
    public static func solve(
        gram: [Double], linear: [Double], count n: Int, nonNegative: [Bool]? = nil, warmStart: [Double]? = nil,
        tolerance: Double? = nil
    ) throws(GSLError) -> NonNegativeLeastSquaresSolution {
        guard n > 0, !n.multipliedReportingOverflow(by: n).overflow else {
            throw .badDimensions(rows: n, columns: n, reason: "the Gram matrix must be at least 1×1")
        }
        try requireLength(gram, n * n, argument: "gram")
        try requireFinite(gram, argument: "gram")
        try requireLength(linear, n, argument: "linear")
        try requireFinite(linear, argument: "linear")
        let constrained = nonNegative ?? [Bool](repeating: true, count: n)
        guard constrained.count == n else {
            throw .lengthMismatch(argument: "nonNegative", expected: n, actual: constrained.count)
        }
        if let warmStart { try requireLength(warmStart, n, argument: "warmStart") }
        var solver = ActiveSetSolver(gram: gram, linear: linear, count: n, constrained: constrained)
        return solver.run(warmStart: warmStart, tolerance: tolerance)
    }

    /// The KKT violation of x for min ½xᵀGx − hᵀx, x ≥ 0 on the constrained entries (see
    /// ``NonNegativeLeastSquaresSolution/kktViolation``); an independent check usable on any candidate x.
    public static func kktViolation(
        gram: [Double], linear: [Double], count n: Int, solution x: [Double], nonNegative: [Bool]? = nil
    ) -> Double {
        var worst = 0.0
        for i in 0..<n {
            var g = linear[i]
            for j in 0..<n { g -= gram[i * n + j] * x[j] }
            let isConstrained = nonNegative?[i] ?? true
            if !isConstrained || x[i] > 0 {
                worst = max(worst, abs(g))
            } else {
                worst = max(worst, max(g, 0), max(-x[i], 0))
            }
        }
        return worst
    }
}

/// The working state of one Lawson–Hanson solve (buffers allocated once per solve). The Cholesky factor of G_PP is
/// kept in passive-set insertion order and updated by appending one row when a coefficient enters (O(k²) instead of
/// O(k³)); a removal refactors from the first removed position on.
struct ActiveSetSolver {
    let gram: [Double]
    let linear: [Double]
    let n: Int
    let constrained: [Bool]
    var x: [Double]
    var z: [Double]
    var y: [Double]
    var inPassive: [Bool]
    /// R, lower triangular, row-major with stride n, for the passive set in the order of `index`.
    var factor: [Double]
    /// The passive set in factor order.
    var index: [Int]
    /// Rows of `factor` that are valid for the current `index`.
    var factored = 0

    init(gram: [Double], linear: [Double], count: Int, constrained: [Bool]) {
        self.gram = gram
        self.linear = linear
        self.n = count
        self.constrained = constrained
        x = [Double](repeating: 0, count: count)
        z = [Double](repeating: 0, count: count)
        y = [Double](repeating: 0, count: count)
        inPassive = [Bool](repeating: false, count: count)
        factor = [Double](repeating: 0, count: count * count)
        index = []
        index.reserveCapacity(count)
    }

    mutating func run(warmStart: [Double]?, tolerance: Double?) -> NonNegativeLeastSquaresSolution {
        for i in 0..<n where !constrained[i] { inPassive[i] = true }
        if let warmStart {
            for i in 0..<n where constrained[i] && warmStart[i] > 0 && warmStart[i].isFinite {
                inPassive[i] = true
                x[i] = warmStart[i]
            }
        }
        for i in 0..<n where inPassive[i] { index.append(i) }
        var maxDiagonal = 0.0
        var maxLinear = 0.0
        for i in 0..<n {
            maxDiagonal = max(maxDiagonal, gram[i * n + i])
            maxLinear = max(maxLinear, abs(linear[i]))
        }
        func currentTolerance() -> Double {
            if let tolerance { return tolerance }
            var xMax = 0.0
            for v in x { xMax = max(xMax, abs(v)) }
            return 1e-10 * max(maxLinear, maxDiagonal * xMax, .leastNormalMagnitude) * Double(n)
        }
        var iterations = 0
        let maxIterations = 3 * n + 50
        var needsSolve = !index.isEmpty
        while iterations < maxIterations {
            if needsSolve { innerLoop() }
            iterations += 1
            // Most positive gradient component among the active (zero, constrained) coefficients.
            let tol = currentTolerance()
            var best = -1
            var bestGradient = tol
            for j in 0..<n where !inPassive[j] {
                let g = gradient(j)
                if g > bestGradient {
                    bestGradient = g
                    best = j
                }
            }
            if best < 0 { break }
            inPassive[best] = true
            index.append(best)
            needsSolve = true
        }
        var passive: [Int] = []
        for i in 0..<n where inPassive[i] { passive.append(i) }
        let violation = NonNegativeLeastSquares.kktViolation(
            gram: gram, linear: linear, count: n, solution: x, nonNegative: constrained)
        return NonNegativeLeastSquaresSolution(
            coefficients: x, passiveSet: passive, iterations: iterations, kktViolation: violation,
            tolerance: currentTolerance())
    }

    /// gⱼ = hⱼ − (G·x)ⱼ over the passive set (x is zero elsewhere).
    func gradient(_ j: Int) -> Double {
        var g = linear[j]
        let row = j * n
        for i in index { g -= gram[row + i] * x[i] }
        return g
    }

    /// Lawson–Hanson inner loop: solve on the passive set, step back to feasibility, drop the coefficients that hit
    /// zero, repeat until the passive-set solution is feasible.
    mutating func innerLoop() {
        var guardCount = 0
        while guardCount <= n {
            guardCount += 1
            solvePassive()
            var alpha = 1.0
            var blocking = false
            for i in index where constrained[i] && z[i] <= 0 {
                blocking = true
                let denominator = x[i] - z[i]
                let a = denominator > 0 ? x[i] / denominator : 0
                alpha = min(alpha, a)
            }
            if !blocking {
                for i in 0..<n { x[i] = inPassive[i] ? z[i] : 0 }
                return
            }
            var removed = false
            for i in index {
                x[i] += alpha * (z[i] - x[i])
                if constrained[i] && (x[i] <= 0 || (z[i] <= 0 && x[i] <= 1e-14 * abs(z[i] - x[i]))) {
                    x[i] = 0
                    inPassive[i] = false
                    removed = true
                }
            }
            if !removed {
                // Rounding left every blocking coefficient marginally positive: drop the first blocking one.
                for i in index where constrained[i] && z[i] <= 0 {
                    x[i] = 0
                    inPassive[i] = false
                    break
                }
            }
            if let first = index.firstIndex(where: { !inPassive[$0] }) { factored = min(factored, first) }
            index.removeAll { !inPassive[$0] }
            for i in 0..<n where !inPassive[i] { x[i] = 0 }
        }
    }

    /// z_P = G_PP⁻¹·h_P by the (updated) Cholesky factor; if G_PP is numerically singular (a rank-deficient passive
    /// set, which only happens without regularisation) a small ridge is added for this solve.
    mutating func solvePassive() {
        let k = index.count
        for i in index { z[i] = 0 }
        if k == 0 { return }
        if !extendFactor(ridge: 0) {
            var scale = 0.0
            for i in index { scale = max(scale, gram[i * n + i]) }
            var ridge = max(scale, .leastNormalMagnitude) * 1e-13
            for _ in 0..<8 {
                factored = 0
                if extendFactor(ridge: ridge) { break }
                ridge *= 100
            }
            defer { factored = 0 }  // the ridged factor is not reused
            substitute(k)
            return
        }
        substitute(k)
    }

    /// Forward substitution R·y = h_P, back substitution Rᵀ·z_P = y.
    mutating func substitute(_ k: Int) {
        factor.withUnsafeBufferPointer { r in
            for a in 0..<k {
                var s = linear[index[a]]
                let row = a * n
                for b in 0..<a { s -= r[row + b] * y[b] }
                y[a] = s / r[row + a]
            }
            for a in stride(from: k - 1, through: 0, by: -1) {
                var s = y[a]
                for b in (a + 1)..<max(k, a + 1) { s -= r[b * n + a] * y[b] }
                y[a] = s / r[a * n + a]
            }
        }
        for a in 0..<k { z[index[a]] = y[a] }
    }

    /// Factors rows `factored..<k` of G_PP + ridge·I (row-wise Cholesky, stride n); false on a non-positive pivot.
    mutating func extendFactor(ridge: Double) -> Bool {
        let k = index.count
        let start = factored
        let ok: Bool = factor.withUnsafeMutableBufferPointer { r in
            for a in start..<k {
                let ra = index[a] * n
                let rowA = a * n
                for b in 0...a {
                    var s = gram[ra + index[b]]
                    if a == b { s += ridge }
                    let rowB = b * n
                    for c in 0..<b { s -= r[rowA + c] * r[rowB + c] }
                    if a == b {
                        guard s > 1e-14 * (gram[ra + index[a]] + ridge), s.isFinite else { return false }
                        r[rowA + a] = s.squareRoot()
                    } else {
                        r[rowA + b] = s / r[rowB + b]
                    }
                }
            }
            return true
        }
        if ok { factored = k }
        return ok
    }
}
