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

/// The working state of one Lawson–Hanson solve (buffers allocated once per solve).
struct ActiveSetSolver {
    let gram: [Double]
    let linear: [Double]
    let n: Int
    let constrained: [Bool]
    var x: [Double]
    var z: [Double]
    var inPassive: [Bool]
    var factor: [Double]
    var index: [Int]

    init(gram: [Double], linear: [Double], count: Int, constrained: [Bool]) {
        self.gram = gram
        self.linear = linear
        self.n = count
        self.constrained = constrained
        x = [Double](repeating: 0, count: count)
        z = [Double](repeating: 0, count: count)
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
        var needsSolve = inPassive.contains(true)
        var lastAdded = -1
        while iterations < maxIterations {
            if needsSolve { innerLoop(lastAdded: lastAdded) }
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
            lastAdded = best
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

    /// gⱼ = hⱼ − (G·x)ⱼ.
    func gradient(_ j: Int) -> Double {
        var g = linear[j]
        let row = j * n
        for i in 0..<n where x[i] != 0 { g -= gram[row + i] * x[i] }
        return g
    }

    /// Lawson–Hanson inner loop: solve on the passive set, step back to feasibility, drop the coefficients that hit
    /// zero, repeat until the passive-set solution is feasible.
    mutating func innerLoop(lastAdded: Int) {
        var guardCount = 0
        while guardCount <= n {
            guardCount += 1
            solvePassive()
            var alpha = 1.0
            var blocking = false
            for i in 0..<n where inPassive[i] && constrained[i] && z[i] <= 0 {
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
            for i in 0..<n where inPassive[i] {
                x[i] += alpha * (z[i] - x[i])
                if constrained[i] && (x[i] <= 0 || (z[i] <= 0 && x[i] <= 1e-14 * abs(z[i] - x[i]))) {
                    x[i] = 0
                    inPassive[i] = false
                    removed = true
                }
            }
            if !removed {
                // Rounding left every blocking coefficient marginally positive: drop the first blocking one.
                for i in 0..<n where inPassive[i] && constrained[i] && z[i] <= 0 {
                    x[i] = 0
                    inPassive[i] = false
                    break
                }
            }
            for i in 0..<n where !inPassive[i] { x[i] = 0 }
        }
    }

    /// z_P = G_PP⁻¹·h_P by Cholesky (G_PP = R·Rᵀ, R lower); a small ridge is added if G_PP is numerically
    /// singular (a rank-deficient passive set), which only happens without regularisation.
    mutating func solvePassive() {
        index.removeAll(keepingCapacity: true)
        for i in 0..<n where inPassive[i] { index.append(i) }
        let k = index.count
        for i in 0..<n { z[i] = 0 }
        if k == 0 { return }
        var ridge = 0.0
        for attempt in 0..<8 {
            if cholesky(k: k, ridge: ridge) { break }
            var scale = 0.0
            for a in 0..<k { scale = max(scale, gram[index[a] * n + index[a]]) }
            ridge = max(scale, .leastNormalMagnitude) * 1e-13 * pow10(attempt * 2)
        }
        // Forward substitution R·y = h_P, back substitution Rᵀ·z = y (z stored compactly in factor's last use).
        var y = [Double](repeating: 0, count: k)
        for a in 0..<k {
            var s = linear[index[a]]
            for b in 0..<a { s -= factor[a * k + b] * y[b] }
            y[a] = s / factor[a * k + a]
        }
        for a in stride(from: k - 1, through: 0, by: -1) {
            var s = y[a]
            for b in (a + 1)..<max(k, a + 1) { s -= factor[b * k + a] * y[b] }
            y[a] = s / factor[a * k + a]
        }
        for a in 0..<k { z[index[a]] = y[a] }
    }

    private func pow10(_ e: Int) -> Double {
        var v = 1.0
        for _ in 0..<e { v *= 10 }
        return v
    }

    /// Cholesky of G_PP + ridge·I into `factor` (k×k, lower triangle); false on a non-positive pivot.
    mutating func cholesky(k: Int, ridge: Double) -> Bool {
        for a in 0..<k {
            let ra = index[a] * n
            for b in 0...a {
                var s = gram[ra + index[b]]
                if a == b { s += ridge }
                for c in 0..<b { s -= factor[a * k + c] * factor[b * k + c] }
                if a == b {
                    guard s > 1e-14 * (gram[ra + index[a]] + ridge), s.isFinite else { return false }
                    factor[a * k + a] = s.squareRoot()
                } else {
                    factor[a * k + b] = s / factor[b * k + b]
                }
            }
        }
        return true
    }
}
