import Numerics
import NyquistCircuit
import NyquistFit
import NyquistIO
import NyquistTestSupport
import Testing

/// Bad or uninformative data give clear errors or warnings, never a trap.
@Suite struct DegenerateInputTests {
    let circuit = Synthetic.assbCathode

    @Test func fewerPointsThanParameters() throws {
        let s = try Synthetic.spectrum(circuit, parameters: [20, 30, 1e-7, 0.9, 150, 1e-5, 0.8], from: 1e3, to: 1e2,
                                       pointsPerDecade: 2)
        #expect(s.count == 3)  // 6 residuals < 7 parameters + 1
        #expect(throws: FitError.self) { try Fitter.fit(s, circuit: circuit) }
        do { _ = try Fitter.fit(s, circuit: circuit) } catch {
            guard case .tooFewPoints(3, 7) = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test func nonFiniteValuesAndZeroFrequencyNameThePoint() throws {
        var s = try Synthetic.spectrum(circuit, parameters: [20, 30, 1e-7, 0.9, 150, 1e-5, 0.8])
        s.impedances[7] = Complex(.nan, 1)
        #expect(throws: FitError.self) { try Fitter.fit(s, circuit: circuit) }
        do { _ = try Fitter.fit(s, circuit: circuit) } catch {
            #expect(error.description.hasPrefix("point 8:"), "\(error)")
        }
        s.impedances[7] = Complex(10, .infinity)
        #expect(throws: FitError.self) { try Fitter.fit(s, circuit: circuit) }
        var z = try Synthetic.spectrum(circuit, parameters: [20, 30, 1e-7, 0.9, 150, 1e-5, 0.8])
        z.frequencies[0] = 0
        do { _ = try Fitter.fit(z, circuit: circuit); Issue.record("zero frequency accepted") } catch {
            #expect(error.description.contains("point 1:") && error.description.contains("frequency"))
        }
    }

    @Test func mismatchedColumnsAreAnErrorNotATrap() throws {
        let s = Spectrum(frequencies: [1e3, 1e2, 1e1], impedances: [Complex(1, -1)])
        #expect(throws: FitError.self) { try Fitter.fit(s, circuit: circuit) }
    }

    @Test func emptyWindowAndMissingSigma() throws {
        let s = try Synthetic.spectrum(circuit, parameters: [20, 30, 1e-7, 0.9, 150, 1e-5, 0.8])
        var settings = FitSettings()
        settings.window = FrequencyWindow(minimumFrequency: 1e7)
        #expect(throws: FitError.self) { try Fitter.fit(s, circuit: circuit, settings: settings) }
        settings = FitSettings()
        settings.weighting = .sigma
        #expect(throws: FitError.self) { try Fitter.fit(s, circuit: circuit, settings: settings) }
    }

    @Test func constantSpectrumWarnsAndDoesNotTrap() throws {
        let s = Spectrum(frequencies: (0..<30).map { Double.pow(10, 5 - Double($0) / 5) },
                         impedances: Array(repeating: Complex(42, 0), count: 30))
        let r = try Fitter.fit(s, circuit: circuit)
        #expect(r.warnings.contains { $0.code == .constantSpectrum })
        // The series resistance carries everything: R1 + R2 + R3 = 42 Ω at low frequency is not separable.
        #expect(r.parameters.allSatisfy { $0.value.isFinite })
    }

    @Test func unidentifiableCircuitIsFlagged() throws {
        // Two resistors in series: only their sum is determined.
        let twoR = try Circuit(parsing: "R1-R2-p(R3,CPE3)")
        let s = try Synthetic.spectrum(try Circuit(parsing: "R1-p(R3,CPE3)"), parameters: [30, 150, 1e-5, 0.8], noise: 0.005)
        let r = try Fitter.fit(s, circuit: twoR)
        #expect(r.warnings.contains { ($0.parameters == ["R1"] || $0.parameters == ["R2"]) && $0.message.contains("cannot be identified") },
                "\(r.warnings)")
        // …and it gets no uncertainty instead of a meaningless one.
        #expect(r.parameters.filter { ["R1", "R2"].contains($0.name) }.contains { $0.standardError == nil })
    }

    @Test func allParametersFixedEvaluatesOnly() throws {
        var t = ParameterTable(circuit: circuit)
        let truth = [20.0, 30, 1e-7, 0.9, 150, 1e-5, 0.8]
        for (p, v) in zip(t.names, truth) { try t.apply(ParameterSetting(value: v, fixed: true), to: p) }
        let s = try Synthetic.spectrum(circuit, parameters: truth)
        let r = try Fitter.fit(s, circuit: circuit, parameters: t)
        #expect(r.goodness.chiSquare < 1e-25)
        #expect(r.convergence.converged)
    }
}
