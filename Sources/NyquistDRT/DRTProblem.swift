import Foundation
import NyquistFit
import NyquistIO

/// The discretised, scaled DRT least-squares problem of one spectrum (see docs/drt.md):
/// columns [γ₀ … γ_{N−1}, R∞?, L?], rows Z′ then Z″, everything scaled so that λ is dimensionless.
///
/// Grid: ln τ equally spaced from ln(1/(2π f_max)) − ½ ln 10 to ln(1/(2π f_min)) + ln 10.
///
/// Scaling: R_ref = rms|Zᵢ| (Ω); coefficients x̃ = γ/R_ref, R∞/R_ref, L·ω_max/R_ref; data z̃ = Z/R_ref; weights
/// w̃ = w·R_ref/s_w with s_w = rms(w·Z) over the fitted rows, so the weighted data have unit rms.
struct DRTProblem: Sendable {
    let frequencies: [Double]
    let omega: [Double]
    let m: Int
    /// ln τ of the grid points, equally spaced by `step`.
    let lnTau: [Double]
    let step: Double
    let gridCount: Int
    let columns: Int
    let rInfColumn: Int?
    let inductanceColumn: Int?
    let referenceResistance: Double
    let omegaMax: Double
    /// Scaled data and weights, per point.
    let zRe: [Double], zIm: [Double], wRe: [Double], wIm: [Double]
    /// Kernel matrices, row-major m × columns.
    let aRe: [Double], aIm: [Double]
    /// Weighted normal-equation blocks AᵀW̃²A and AᵀW̃²z̃ for the real and imaginary rows, and the penalty DᵀD.
    let gramRe: [Double], gramIm: [Double], linearRe: [Double], linearIm: [Double], penalty: [Double]

    /// Decades the grid extends below 1/(2π f_max) (short τ); it extends 1 decade above 1/(2π f_min). Half a
    /// decade at the short end: further out, γ at τ ≪ 1/ω_max only mimics R∞ − jωτR and trades off against L.
    static let shortExtension = 0.5

    /// Gauss–Legendre nodes and weights on [0, 1] (4 points; exact to degree 7).
    private static let nodes: [Double] = [0.069431844202973713, 0.33000947820757187, 0.66999052179242813,
                                          0.93056815579702629]
    private static let nodeWeights: [Double] = [0.17392742256872693, 0.32607257743127307, 0.32607257743127307,
                                                0.17392742256872693]

    init(frequencies: [Double], impedances: [(re: Double, im: Double)], weightsRe: [Double], weightsIm: [Double],
         settings: DRTSettings) {
        self.frequencies = frequencies
        m = frequencies.count
        omega = frequencies.map { 2 * Double.pi * $0 }
        let fMin = frequencies.min() ?? 1, fMax = frequencies.max() ?? 1
        omegaMax = 2 * Double.pi * fMax
        // Grid: τ from 1/(2π f_max)/10^½ to 1/(2π f_min)·10, `gridPointsPerDecade` per decade.
        let lnLow = log(1 / (2 * Double.pi * fMax)) - Self.shortExtension * log(10.0)
        let lnHigh = log(1 / (2 * Double.pi * fMin)) + log(10.0)
        let decades = (lnHigh - lnLow) / log(10.0)
        let intervals = max(Int((decades * Double(settings.gridPointsPerDecade)).rounded(.up)), 2)
        gridCount = intervals + 1
        step = (lnHigh - lnLow) / Double(intervals)
        lnTau = (0..<gridCount).map { lnLow + Double($0) * (lnHigh - lnLow) / Double(intervals) }
        var next = gridCount
        rInfColumn = settings.includeRInf ? next : nil
        if settings.includeRInf { next += 1 }
        inductanceColumn = settings.includeInductance ? next : nil
        if settings.includeInductance { next += 1 }
        columns = next

        var sumSquares = 0.0
        for z in impedances { sumSquares += z.re * z.re + z.im * z.im }
        let rRef = max((sumSquares / Double(max(m, 1))).squareRoot(), .leastNormalMagnitude)
        referenceResistance = rRef
        var weightedSquares = 0.0
        var rows = 0
        for i in 0..<m {
            if settings.part != .imaginary {
                weightedSquares += pow(weightsRe[i] * impedances[i].re, 2)
                rows += 1
            }
            if settings.part != .real {
                weightedSquares += pow(weightsIm[i] * impedances[i].im, 2)
                rows += 1
            }
        }
        let sW = max((weightedSquares / Double(max(rows, 1))).squareRoot(), .leastNormalMagnitude)
        zRe = impedances.map { $0.re / rRef }
        zIm = impedances.map { $0.im / rRef }
        wRe = weightsRe.map { $0 * rRef / sW }
        wIm = weightsIm.map { $0 * rRef / sW }

        // Kernel: A′[i, k] = ∫ φₖ(u)/(1 + (ωᵢeᵘ)²) du, A″[i, k] = −∫ φₖ(u)·ωᵢeᵘ/(1 + (ωᵢeᵘ)²) du for the hat φₖ,
        // by 4-point Gauss–Legendre on each grid interval.
        var re = [Double](repeating: 0, count: m * columns)
        var im = [Double](repeating: 0, count: m * columns)
        let growth = Self.nodes.map { exp($0 * (lnHigh - lnLow) / Double(intervals)) }
        let h = step
        for i in 0..<m {
            let row = i * columns
            for j in 0..<intervals {
                let x0 = omega[i] * exp(lnTau[j])
                var left = (re: 0.0, im: 0.0), right = (re: 0.0, im: 0.0)
                for q in 0..<4 {
                    let x = x0 * growth[q]
                    let d = 1 / (1 + x * x)
                    let t = Self.nodes[q], wq = Self.nodeWeights[q] * h
                    left.re += wq * (1 - t) * d
                    left.im -= wq * (1 - t) * x * d
                    right.re += wq * t * d
                    right.im -= wq * t * x * d
                }
                re[row + j] += left.re
                im[row + j] += left.im
                re[row + j + 1] += right.re
                im[row + j + 1] += right.im
            }
            if let c = rInfColumn { re[row + c] = 1 }
            if let c = inductanceColumn { im[row + c] = omega[i] / omegaMax }
        }
        aRe = re
        aIm = im
        (gramRe, linearRe) = Self.normalEquations(a: re, w: wRe, z: zRe, m: m, n: columns)
        (gramIm, linearIm) = Self.normalEquations(a: im, w: wIm, z: zIm, m: m, n: columns)
        penalty = Self.penalty(order: settings.derivativeOrder, gridCount: gridCount, columns: columns, step: step)
    }

    /// AᵀW²A (n×n) and AᵀW²z (n).
    static func normalEquations(a: [Double], w: [Double], z: [Double], m: Int, n: Int) -> ([Double], [Double]) {
        var gram = [Double](repeating: 0, count: n * n)
        var linear = [Double](repeating: 0, count: n)
        a.withUnsafeBufferPointer { a in
            gram.withUnsafeMutableBufferPointer { g in
                for i in 0..<m {
                    let w2 = w[i] * w[i]
                    let row = i * n
                    for p in 0..<n {
                        let v = a[row + p] * w2
                        if v == 0 { continue }
                        linear[p] += v * z[i]
                        for q in p..<n { g[p * n + q] += v * a[row + q] }
                    }
                }
                for p in 0..<n { for q in 0..<p { g[p * n + q] = g[q * n + p] } }
            }
        }
        return (gram, linear)
    }

    /// DᵀD for the d-th difference on the γ block, scaled so that ‖Dγ‖² ≈ ∫ (dᵈγ/d(ln τ)ᵈ)² d ln τ. The stencil also
    /// runs over the grid ends with γ = 0 outside the grid, so γ is pulled to 0 at the ends (without this, a
    /// "peak" at the shortest τ trades off freely against R∞ and L, and one at the longest τ against a capacitive
    /// tail).
    static func penalty(order: Int, gridCount: Int, columns: Int, step: Double) -> [Double] {
        let stencil: [Double] = order == 1 ? [-1, 1] : [1, -2, 1]
        let scale = step.squareRoot() / pow(step, Double(stencil.count - 1))
        var q = [Double](repeating: 0, count: columns * columns)
        for r in (1 - stencil.count)..<gridCount {
            for a in 0..<stencil.count where r + a >= 0 && r + a < gridCount {
                for b in 0..<stencil.count where r + b >= 0 && r + b < gridCount {
                    q[(r + a) * columns + r + b] += stencil[a] * stencil[b] * scale * scale
                }
            }
        }
        return q
    }

    /// Which constraints apply: every column is ≥ 0 (γ, R∞, L).
    var nonNegative: [Bool] { [Bool](repeating: true, count: columns) }

    /// The fitted-part Gram matrix M and right-hand side h.
    func normalBlocks(_ part: DRTSettings.Part) -> (gram: [Double], linear: [Double]) {
        switch part {
        case .real: return (gramRe, linearRe)
        case .imaginary: return (gramIm, linearIm)
        case .both: return (zip(gramRe, gramIm).map { $0 + $1 }, zip(linearRe, linearIm).map { $0 + $1 })
        }
    }

    /// Model values Ẑ′, Ẑ″ (scaled) of coefficients x at point i.
    func model(_ x: [Double], at i: Int) -> (re: Double, im: Double) {
        var re = 0.0, im = 0.0
        let row = i * columns
        for k in 0..<columns where x[k] != 0 {
            re += aRe[row + k] * x[k]
            im += aIm[row + k] * x[k]
        }
        return (re, im)
    }

    /// Σ (w̃·(z̃ − ẑ))² over the rows of `part`.
    func weightedResidualSquares(_ x: [Double], part: DRTSettings.Part) -> Double {
        var s = 0.0
        for i in 0..<m {
            let z = model(x, at: i)
            if part != .imaginary { s += pow(wRe[i] * (zRe[i] - z.re), 2) }
            if part != .real { s += pow(wIm[i] * (zIm[i] - z.im), 2) }
        }
        return s
    }

    func rowCount(_ part: DRTSettings.Part) -> Int { part == .both ? 2 * m : m }
}
