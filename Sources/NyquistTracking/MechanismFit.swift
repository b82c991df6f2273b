import Foundation
import NyquistNumerics

/// A joint log-space fit of the mechanistic model to one or more cells (tracking-models §4(d)): shared σ_int, β,
/// η (δ_c, N_c, m_min, τ_creep fixed from each cell file, since only β/δ_c and η/δ_c are identifiable from R3
/// alone) and a cell-specific ASR_ct. The voids follow ``VoidModel`` (breathing weighted by 1 − φ_dead,k, creep
/// closure when the cell file sets it), recomputed along each cell's cycles for every trial β, η. Residuals [ln R3 − ln R3_model]/sᵢ as in ``GrowthLawFit``; GSL trust-region LM.
public struct MechanismFit: Sendable, Hashable, Codable {
    public var model: MechanismModel
    public var parameters: MechanismParameters
    public var pointCount: Int
    public var parameterCount: Int
    public var chiSquared: Double
    public var aic: Double
    /// nil when N < k + 3.
    public var aicc: Double?
    public var bic: Double
    public var deltaAICc: Double?
    public var akaikeWeight: Double?
    public var converged: Bool
}

struct MechanismProblem: Sendable {
    var cells: [CellHistory]
    var model: MechanismModel
    var sigma: [[Double]]
    var options: GrowthFitOptions
    /// Each cell's void-recursion steps and the step of each EIS point (``CellHistory/voidDrivers()``).
    var steps: [(drivers: VoidDrivers, pointSteps: [Int])]

    var fitsVoidShare: Bool { model == .decompositionVoids || model == .full }
    var fitsRatchet: Bool { model == .breathingVoids || model == .full }
    var parameterCount: Int { cells.count + 1 + (fitsVoidShare ? 1 : 0) + (fitsRatchet ? 1 : 0) }
    var pointCount: Int { cells.reduce(0) { $0 + $1.r3.count } }

    init(cells: [CellHistory], model: MechanismModel, options: GrowthFitOptions) throws(TrackingError) {
        guard !cells.isEmpty else { throw .noData(TrackingLocation(source: "cells"), reason: "no cell to fit") }
        for c in cells {
            try c.cell.validateCreep()
            let n = c.r3.count
            guard n > 0, c.cycles.count == n, c.standardErrors.count == n, c.decomposedMicromoles.count == n,
                c.breathingVolumeMm3.count == n, c.r3.allSatisfy({ $0 > 0 && $0.isFinite })
            else { throw .inconsistentInputs(reason: "cell \(c.name): arrays differ in length or R3 ≤ 0") }
            if let d = c.cycleDrivers {
                let k = d.count
                guard d.decomposedMicromoles.count == k, d.breathingMm3.count == k, d.durationHours.count == k,
                    let index = c.cycleDriverIndex, index.count == n, index.allSatisfy({ (0..<k).contains($0) })
                else { throw .inconsistentInputs(reason: "cell \(c.name): per-cycle drivers are inconsistent") }
            }
        }
        self.steps = cells.map { $0.voidDrivers() }
        self.cells = cells
        self.model = model
        self.options = options
        self.sigma = cells.map { c in
            zip(c.r3, c.standardErrors).map { r, e in
                ((e / r) * (e / r) + options.relativeErrorFloor * options.relativeErrorFloor).squareRoot()
            }
        }
        guard sigma.allSatisfy({ $0.allSatisfy { $0 > 0 } }) else {
            throw .invalidSetting(name: "relative error floor", reason: "0 with points lacking a standard error")
        }
    }

    func unpack(_ q: UnsafeBufferPointer<Double>) -> MechanismParameters {
        var index = cells.count
        let asr = (0..<cells.count).map { Foundation.exp(q[$0]) }
        let conductivity = Foundation.exp(q[index])
        index += 1
        var beta = 0.0
        var eta = 0.0
        if fitsVoidShare {
            beta = 1 / (1 + Foundation.exp(-q[index]))
            index += 1
        }
        if fitsRatchet { eta = Foundation.exp(q[index]) }
        return MechanismParameters(chargeTransferASR: asr, interphaseConductivity: conductivity, voidShare: beta, ratchet: eta)
    }

    func pack(_ p: MechanismParameters) -> [Double] {
        var q = p.chargeTransferASR.map { Foundation.log(max($0, 1e-300)) }
        q.append(Foundation.log(p.interphaseConductivity))
        if fitsVoidShare {
            let b = min(max(p.voidShare, 1e-6), 1 - 1e-6)
            q.append(Foundation.log(b / (1 - b)))
        }
        if fitsRatchet { q.append(Foundation.log(max(p.ratchet, 1e-12))) }
        return q
    }

    /// Default starts: ASR_ct from each cell's first R3, σ_int ×{0.1, 1, 10} of the cell default, β, η grids.
    func starts() -> [MechanismParameters] {
        let asr = cells.map { c in 0.5 * (c.r3.first ?? 1) * c.cell.initialContactAreaCm2 }
        var result: [MechanismParameters] = []
        for s in [0.1, 1, 10] {
            for b in fitsVoidShare ? [0.3, 0.8] : [0] {
                for e in fitsRatchet ? [0.003, 0.02] : [0] {
                    result.append(
                        MechanismParameters(
                            chargeTransferASR: asr, interphaseConductivity: s * cells[0].cell.interphaseConductivity,
                            voidShare: b, ratchet: e))
                }
            }
        }
        return result
    }

    func minimise(starts: [MechanismParameters], logR3: [[Double]]) throws(TrackingError)
        -> (MechanismParameters, Double, Bool)
    {
        let n = pointCount
        let k = parameterCount
        guard n >= k else {
            throw .tooFewPoints(count: n, needed: k, parameters: k, reason: "model \(model.rawValue)")
        }
        var lm: LevenbergMarquardt
        do {
            lm = try LevenbergMarquardt(
                residualCount: n, parameterCount: k,
                settings: LevenbergMarquardtSettings(maxIterations: options.maxIterations, xtol: 1e-10, gtol: 1e-10))
        } catch { throw .numerical(reason: error.description) }
        var best: (MechanismParameters, Double, Bool)? = nil
        for start in starts {
            let q0 = pack(start)
            let outcome: LevenbergMarquardtOutcome
            do {
                outcome = try lm.solve(start: q0) { q, f in
                    let p = self.unpack(q)
                    var row = 0
                    for (c, history) in self.cells.enumerated() {
                        let model = self.predicted(p, cell: c)
                        for i in history.r3.indices {
                            f[row] = (logR3[c][i] - model[i]) / self.sigma[c][i]
                            // An overflowing trial step is rejected (the trust region shrinks), not the whole solve.
                            if !f[row].isFinite { f[row] = LevenbergMarquardt.rejectedResidual }
                            row += 1
                        }
                    }
                    return true
                }
            } catch { continue }
            guard outcome.x.count == k, outcome.chiSquared < rejectedChiSquare else { continue }
            if let incumbent = best, incumbent.1 <= outcome.chiSquared { continue }
            let p = outcome.x.withUnsafeBufferPointer { unpack($0) }
            best = (p, outcome.chiSquared, outcome.status.isConverged || outcome.status == .noProgress)
        }
        guard let best else { throw .numerical(reason: "mechanism model \(model.rawValue): no start converged") }
        return best
    }

    /// ln R3 of the model at the points of cell c.
    func predicted(_ p: MechanismParameters, cell c: Int) -> [Double] {
        p.logR3(cells[c], cellIndex: c, drivers: steps[c].drivers, steps: steps[c].pointSteps)
    }

    func fit() throws(TrackingError) -> MechanismFit {
        let observed = cells.map { $0.r3.map { Foundation.log($0) } }
        let (p, chi2, converged) = try minimise(starts: starts(), logR3: observed)
        let n = pointCount
        let k = parameterCount
        let m2 = options.variance == .trusted ? chi2 : Double(n) * Foundation.log(max(chi2 / Double(n), 1e-300))
        let aic = m2 + 2 * Double(k)
        return MechanismFit(
            model: model, parameters: p, pointCount: n, parameterCount: k, chiSquared: chi2, aic: aic,
            aicc: n >= k + 3 ? aic + 2 * Double(k * (k + 1)) / Double(n - k - 1) : nil,
            bic: m2 + Double(k) * Foundation.log(Double(n)), deltaAICc: nil, akaikeWeight: nil, converged: converged)
    }
}
