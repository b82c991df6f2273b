import Foundation
import NyquistNumerics

/// One term of the split of Δln R3 between the first and the last EIS cycle of a cell.
public struct MechanismShare: Sendable, Hashable, Codable {
    /// "interphase chemistry", "decomposition voids", "breathing voids" or "residual".
    public var mechanism: String
    /// The term's contribution to Δln R3.
    public var logChange: Double
    /// 100·term/Δln R3 (observed), %.
    public var percent: Double
    /// 95 % BCa interval of `percent` from the parametric bootstrap, when run (same as ``interval``).
    public var lower: Double?
    public var upper: Double?
    /// The same interval with its kind (BCa bootstrap, stated errors only) and a note when `percent` is outside it.
    public var interval: ConfidenceInterval?
}

/// The log split for one cell (tracking-models §4(d)): Δln R3 = Δ_chem + S_dec + S_br + residual, with the
/// two-player Shapley split of Δ_contact = g(V₀ + d + b) − g(V₀) (g(V) = −ln θ/θ0 − ln(1 − φ_dead)):
/// S_dec = ½{[g(V₀+d+b) − g(V₀+b)] + [g(V₀+d) − g(V₀)]}, S_br = Δ_contact − S_dec. R3 ∝ 1/area is
/// multiplicative, so the log split is the consistent one. d and b are the increments of the *net* decomposition
/// and breathing voids of ``VoidModel`` (after the live-fraction weighting and creep closure): the breathing void
/// already depends on the decomposition void through (1 − φ_dead,k), and the split is of the voids as realised.
public struct CellAttribution: Sendable, Hashable, Codable {
    public var cell: String
    public var firstCycle: Double
    public var lastCycle: Double
    /// ln R3(last) − ln R3(first), observed.
    public var observedLogChange: Double
    /// interphase chemistry, decomposition voids, breathing voids, residual.
    public var shares: [MechanismShare]

    static func compute(
        history: CellHistory, cellIndex c: Int, parameters p: MechanismParameters, logR3: [Double]
    ) -> CellAttribution {
        let first = history.cycles.indices.min { history.cycles[$0] < history.cycles[$1] } ?? 0
        let last = history.cycles.indices.max { history.cycles[$0] < history.cycles[$1] } ?? 0
        let (drivers, steps) = history.voidDrivers()
        let path = VoidModel.path(drivers, cell: history.cell, voidShare: p.voidShare, ratchet: p.ratchet)
        let a = p.parts(history, cellIndex: c, point: first, path: path, steps: steps)
        let b = p.parts(history, cellIndex: c, point: last, path: path, steps: steps)
        let g = { (v: Double) in ContactModel.contactLogTerm(voidMm3: v, cell: history.cell) }
        let v0 = a.vDec + a.vBr
        let d = b.vDec - a.vDec
        let br = b.vBr - a.vBr
        let contact = g(v0 + d + br) - g(v0)
        let sDec = 0.5 * ((g(v0 + d + br) - g(v0 + br)) + (g(v0 + d) - g(v0)))
        let chem = b.chem - a.chem
        let observed = logR3[last] - logR3[first]
        let terms = [
            ("interphase chemistry", chem), ("decomposition voids", sDec), ("breathing voids", contact - sDec),
            ("residual", observed - chem - contact),
        ]
        return CellAttribution(
            cell: history.name, firstCycle: history.cycles[first], lastCycle: history.cycles[last],
            observedLogChange: observed,
            shares: terms.map {
                MechanismShare(mechanism: $0.0, logChange: $0.1, percent: observed != 0 ? 100 * $0.1 / observed : .nan)
            })
    }
}

/// The mechanistic analysis of one or more cells: the four model variants ranked by AICc, the log split per cell
/// from the full model with bootstrap CIs, and for two cells the difference-in-differences
/// Δln R3(first cell) − Δln R3(second cell) with its 1σ from the four endpoint errors.
public struct MechanismAnalysis: Sendable, Hashable, Codable {
    /// Variants by ascending AICc (all listed; weights nil when refused).
    public var fits: [MechanismFit]
    /// Why the AICc comparison was refused (N < k + 3 for the full model), or nil.
    public var refusal: String?
    /// The best-supported variant, or nil when refused.
    public var bestModel: MechanismModel?
    public var attributions: [CellAttribution]
    public var differenceInDifferences: Double?
    public var differenceStandardError: Double?
    /// Bootstrap replicates that converged.
    public var bootstrapReplicates: Int

    /// Fits the variants and attributes; `options.bootstrapSamples` replicates (redrawing each measured ln R3 with
    /// its sᵢ — the stated errors only, not the scatter about the fit — and refitting the full model) give the 95 %
    /// BCa intervals of the shares (``BCaBootstrap``, acceleration from leave-one-point-out refits). `progress`, when
    /// given, is called after each replicate with (replicates done, `options.bootstrapSamples`).
    public static func analyse(
        cells: [CellHistory], options: GrowthFitOptions = .init(), progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(TrackingError) -> MechanismAnalysis {
        var fits: [MechanismFit] = []
        for model in MechanismModel.allCases {
            fits.append(try MechanismProblem(cells: cells, model: model, options: options).fit())
        }
        let n = fits[0].pointCount
        let kMax = fits.map(\.parameterCount).max() ?? 0
        var refusal: String? = nil
        if n < kMax + 3 {
            refusal = "N = \(n) points < k + 3 = \(kMax + 3) for the full model"
        } else {
            let best = fits.compactMap(\.aicc).min() ?? 0
            let raw = fits.map { Foundation.exp(-(($0.aicc ?? .infinity) - best) / 2) }
            let total = raw.reduce(0, +)
            for i in fits.indices {
                fits[i].deltaAICc = (fits[i].aicc ?? .infinity) - best
                fits[i].akaikeWeight = raw[i] / total
            }
            fits.sort { ($0.deltaAICc ?? .infinity) < ($1.deltaAICc ?? .infinity) }
        }
        guard let full = fits.first(where: { $0.model == .full }) else {
            throw .numerical(reason: "the full model was not fitted")
        }
        let observed = cells.map { $0.r3.map { Foundation.log($0) } }
        var attributions = cells.indices.map {
            CellAttribution.compute(history: cells[$0], cellIndex: $0, parameters: full.parameters, logR3: observed[$0])
        }
        let problem = try MechanismProblem(cells: cells, model: .full, options: options)
        var generator = SeededRandom(seed: options.seed)
        var draws = Array(repeating: Array(repeating: [Double](), count: 4), count: cells.count)
        var replicates = 0
        for replicate in 0..<options.bootstrapSamples {
            defer { progress?(replicate + 1, options.bootstrapSamples) }
            // Redrawn around the measured ln R3 (not the model): the shares are of the *observed* Δln R3, so draws
            // around the model would centre on the model's change and leave an estimate with a large residual
            // outside its own interval.
            let simulated = cells.indices.map { c in
                cells[c].r3.indices.map { i in observed[c][i] + problem.sigma[c][i] * generator.normal() }
            }
            // Only converged refits count (a failed one would sit at its start, the full fit).
            guard let refit = try? problem.minimise(starts: [full.parameters], logR3: simulated), refit.2 else { continue }
            replicates += 1
            for c in cells.indices {
                let a = CellAttribution.compute(history: cells[c], cellIndex: c, parameters: refit.0, logR3: simulated[c])
                for j in 0..<4 { draws[c][j].append(a.shares[j].percent) }
            }
        }
        if replicates >= 10 {
            let jackknife = jackknifeShares(cells: cells, full: full, observed: observed, options: options)
            for c in cells.indices {
                for j in 0..<4 {
                    let estimate = attributions[c].shares[j].percent
                    guard
                        let bca = BCaBootstrap.interval(
                            estimate: estimate, replicates: draws[c][j], jackknife: jackknife?.map { $0[c][j] })
                    else { continue }
                    var interval = ConfidenceInterval(
                        kind: jackknife == nil ? .bcBootstrapStatedErrors : .bcaBootstrapStatedErrors, low: bca.low,
                        high: bca.high)
                    interval.noteIfOutside(estimate)
                    attributions[c].shares[j].lower = bca.low
                    attributions[c].shares[j].upper = bca.high
                    attributions[c].shares[j].interval = interval
                }
            }
        }
        var did: Double? = nil
        var didSE: Double? = nil
        if cells.count == 2 {
            did = attributions[0].observedLogChange - attributions[1].observedLogChange
            var variance = 0.0
            for c in 0..<2 {
                let first = cells[c].cycles.indices.min { cells[c].cycles[$0] < cells[c].cycles[$1] } ?? 0
                let last = cells[c].cycles.indices.max { cells[c].cycles[$0] < cells[c].cycles[$1] } ?? 0
                variance += problem.sigma[c][first] * problem.sigma[c][first] + problem.sigma[c][last] * problem.sigma[c][last]
            }
            didSE = variance.squareRoot()
        }
        return MechanismAnalysis(
            fits: fits, refusal: refusal, bestModel: refusal == nil ? fits.first?.model : nil,
            attributions: attributions, differenceInDifferences: did, differenceStandardError: didSE,
            bootstrapReplicates: replicates)
    }
}

extension MechanismAnalysis {
    /// Jackknife values of the shares for the BCa acceleration: the full model refitted without EIS point i (of
    /// any cell), the shares then taken between each cell's observed first and last points as for the estimate.
    /// Indexed [point][cell][share]; nil when N − 1 < k or a refit fails.
    static func jackknifeShares(
        cells: [CellHistory], full: MechanismFit, observed: [[Double]], options: GrowthFitOptions
    ) -> [[[Double]]]? {
        guard full.pointCount - 1 >= full.parameterCount else { return nil }
        var result: [[[Double]]] = []
        for c in cells.indices {
            guard cells[c].r3.count > 1 else { return nil }
            for i in cells[c].r3.indices {
                var reduced = cells
                reduced[c].drop(point: i)
                var logR3 = observed
                logR3[c].remove(at: i)
                guard let problem = try? MechanismProblem(cells: reduced, model: .full, options: options),
                    let refit = try? problem.minimise(starts: [full.parameters], logR3: logR3), refit.2
                else { return nil }
                result.append(cells.indices.map { d in
                    CellAttribution.compute(history: cells[d], cellIndex: d, parameters: refit.0, logR3: observed[d])
                        .shares.map(\.percent)
                })
            }
        }
        return result
    }
}

extension CellHistory {
    /// Removes EIS point i (its R3, error and drivers); the per-cycle drivers stay.
    mutating func drop(point i: Int) {
        cycles.remove(at: i)
        r3.remove(at: i)
        standardErrors.remove(at: i)
        decomposedMicromoles.remove(at: i)
        breathingVolumeMm3.remove(at: i)
        cycleDriverIndex?.remove(at: i)
    }
}
