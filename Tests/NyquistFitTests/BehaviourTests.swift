import Numerics
import NyquistCircuit
import NyquistFit
import NyquistTestSupport
import Testing

@Suite struct BehaviourTests {
    let truth = [20.0, 30, 1e-7, 0.9, 150, 1e-5, 0.8]

    @Test func sameSeedSameResultDifferentSeedStillConverges() throws {
        let s = try Synthetic.spectrum(Synthetic.assbCathode, parameters: truth, noise: 0.01, seed: 9)
        var settings = FitSettings()
        settings.method = .randomizeSimplex
        let a = try Fitter.fit(s, circuit: Synthetic.assbCathode, settings: settings)
        let b = try Fitter.fit(s, circuit: Synthetic.assbCathode, settings: settings)
        #expect(a.parameters.map(\.value) == b.parameters.map(\.value))
        #expect(a.goodness == b.goodness)
        #expect(a.convergence.startsReachingBest == b.convergence.startsReachingBest)
        #expect((a.convergence.startsReachingBest ?? 0) >= 2)
        // One thread or all cores: the same numbers, bit for bit.
        settings.parallelStarts = false
        let serial = try Fitter.fit(s, circuit: Synthetic.assbCathode, settings: settings)
        #expect(serial.parameters.map(\.value) == a.parameters.map(\.value))
        #expect(serial.goodness == a.goodness)
    }

    @Test func ecLabStopRuleEndsTheFitAndSaysWhy() throws {
        let s = try Synthetic.spectrum(Synthetic.assbCathode, parameters: truth, noise: 0.01, seed: 9)
        var settings = FitSettings()
        settings.method = .lm
        settings.stopAtChiSquareOverModulus = 0.05
        let r = try Fitter.fit(s, circuit: Synthetic.assbCathode, settings: settings)
        #expect(r.convergence.reason.contains("EC-Lab"))
        #expect(r.goodness.chiSquareOverModulus <= 0.05)
        // Without the rule the fit goes on to the minimum, far below the threshold (1 % noise: ≈ 2·161·1e-4).
        settings.stopAtChiSquareOverModulus = nil
        let full = try Fitter.fit(s, circuit: Synthetic.assbCathode, settings: settings)
        #expect(full.goodness.chiSquareOverModulus < r.goodness.chiSquareOverModulus)
    }

    @Test func goodnessMeasuresFollowTheirDefinitions() throws {
        let s = try Synthetic.spectrum(Synthetic.assbCathode, parameters: truth, noise: 0.01, seed: 4)
        var settings = FitSettings()
        settings.method = .lm
        settings.weighting = .unit
        let r = try Fitter.fit(s, circuit: Synthetic.assbCathode, settings: settings)
        // Recompute every measure by hand from the fitted values.
        let grid = try FrequencyGrid(frequencies: s.frequencies)
        let z = EvaluationPlan(circuit: Synthetic.assbCathode).impedance(grid, parameters: r.parameters.map(\.value))
        var unit = 0.0, modulus = 0.0, pseudo = 0.0
        for (d, m) in zip(s.impedances, z) {
            unit += (d - m).lengthSquared
            modulus += (d - m).lengthSquared / d.lengthSquared
            pseudo += (d - m).lengthSquared / m.lengthSquared
        }
        let n = Double(2 * s.count), k = 7.0
        #expect(relativeDifference(r.goodness.chiSquare, unit) < 1e-12)
        #expect(relativeDifference(r.goodness.chiSquareOverModulus, modulus) < 1e-12)
        #expect(relativeDifference(r.goodness.pseudoChiSquare, pseudo) < 1e-12)
        #expect(relativeDifference(r.goodness.reducedChiSquare ?? 0, unit / (n - k)) < 1e-12)
        #expect(relativeDifference(r.goodness.aic, n * Double.log(unit / n) + 2 * k) < 1e-12)
        #expect(relativeDifference(r.goodness.bic, n * Double.log(unit / n) + k * Double.log(n)) < 1e-12)
        #expect(r.residuals.count == s.count)
    }

    @Test func swappedArcsAreReorderedByTimeConstant() throws {
        let s = try Synthetic.spectrum(Synthetic.assbCathode, parameters: truth, noise: 0.002, seed: 2)
        // Start with the arcs exchanged: R2‖Q2 slow, R3‖Q3 fast.
        var t = ParameterTable(circuit: Synthetic.assbCathode)
        for (name, v) in zip(t.names, [20.0, 150, 1e-5, 0.8, 30, 1e-7, 0.9]) { try t.apply(ParameterSetting(value: v), to: name) }
        var settings = FitSettings()
        settings.method = .lm
        let r = try Fitter.fit(s, circuit: Synthetic.assbCathode, parameters: t, settings: settings)
        #expect(abs((r.value("R2") ?? 0) - 30) < 1 && abs((r.value("R3") ?? 0) - 150) < 1, "\(r.parameters)")
        #expect(r.warnings.contains { $0.code == .arcsReordered })
        settings.orderArcs = false
        let raw = try Fitter.fit(s, circuit: Synthetic.assbCathode, parameters: t, settings: settings)
        #expect(abs((raw.value("R2") ?? 0) - 150) < 1)
    }

    @Test func frequencyWindowKeepsOnlyTheSelectedPoints() throws {
        let s = try Synthetic.spectrum(Synthetic.assbCathode, parameters: truth)
        var settings = FitSettings()
        settings.window = FrequencyWindow(minimumFrequency: 0.1, maximumFrequency: 1e5)
        let r = try Fitter.fit(s, circuit: Synthetic.assbCathode, settings: settings)
        #expect(r.pointCount == s.frequencies.filter { $0 >= 0.1 && $0 <= 1e5 }.count)
        #expect(r.frequencyRange.lowerBound >= 0.1 && r.frequencyRange.upperBound <= 1e5)
    }
}
