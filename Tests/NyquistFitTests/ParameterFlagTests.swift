import Foundation
import Numerics
import NyquistCircuit
import NyquistFit
import NyquistIO
import NyquistTestSupport
import Testing

/// Parameters the data do not determine — collapsed towards 0, grown towards ∞, on a bound, or with a relative
/// standard error over 100 % — are flagged and named in a warning (issue 12, point 4).
@Suite struct ParameterFlagTests {
    /// One R‖CPE arc in series with R1, 100 kHz–0.1 Hz, 0.2 % noise: no inductance, no diffusion.
    static func arc() throws -> Spectrum {
        try Synthetic.spectrum(try Circuit(parsing: "R1-p(R2,CPE2)"), parameters: [20, 100, 1e-6, 0.9], from: 1e5,
                               to: 1e-1, pointsPerDecade: 10, noise: 0.002, seed: 5)
    }

    static func warning(_ r: FitResult, _ name: String) -> FitWarning? {
        r.warnings.first { $0.parameters == [name] }
    }

    @Test func anInductanceTheDataDoNotContainCollapses() throws {
        let s = try Self.arc()
        let r = try Fitter.fit(s, circuit: try Circuit(parsing: "R1-p(R2,CPE2)-L3"))
        let l = try #require(r.parameter("L3"))
        // ωL at the highest frequency against the smallest |Z| (≈ R1 = 20 Ω): far below 10⁻³ of it.
        let omegaMax = 2 * Double.pi * 1e5
        let zMin = s.impedances.map(\.length).min() ?? 0
        #expect(omegaMax * l.value < 1e-3 * zMin)
        #expect(l.flag == .parameterCollapsed)
        let w = try #require(Self.warning(r, "L3"))
        #expect(w.code == .parameterCollapsed)
        #expect(w.message.contains("L3") && w.message.contains("collapsed towards 0"))
        // The parameters the data do determine are not flagged.
        for name in ["R1", "R2", "Q2", "n2"] { #expect(r.parameter(name)?.flag == nil, "\(name)") }
    }

    @Test func aWarburgTheDataDoNotContainIsFlagged() throws {
        let r = try Fitter.fit(try Self.arc(), circuit: try Circuit(parsing: "R1-p(R2,CPE2)-W3"))
        let w = try #require(r.parameter("W3"))
        let flag = try #require(w.flag)
        #expect([.parameterCollapsed, .parameterUndetermined].contains(flag))
        if flag == .parameterUndetermined { #expect(try #require(w.standardError) > w.value) }
        #expect(Self.warning(r, "W3")?.code == flag)
    }

    /// A pure capacitance fitted by R1‖C1: R1 has nothing to explain and grows without bound.
    @Test func aParallelResistorOverAPureCapacitanceGrowsTowardsInfinity() throws {
        let s = try Synthetic.spectrum(try Circuit(parsing: "C1"), parameters: [1e-6], from: 1e5, to: 1e-1,
                                       pointsPerDecade: 10)
        let r = try Fitter.fit(s, circuit: try Circuit(parsing: "p(R1,C1)"))
        let zMax = 1 / (2 * Double.pi * 0.1 * 1e-6)  // |Z| of 1 µF at 0.1 Hz
        let value = try #require(r.value("R1"))
        #expect(value > 1e3 * zMax)
        #expect(r.parameter("R1")?.flag == .parameterUnbounded)
        #expect(Self.warning(r, "R1")?.message.contains("grew towards ∞") == true)
        #expect(abs(try #require(r.value("C1")) - 1e-6) < 1e-9)
        #expect(r.parameter("C1")?.flag == nil)
    }

    /// A 0.3 Ω arc under 1 % noise on a 120 Ω spectrum: fitted, but its size is not determined.
    @Test func aRelativeStandardErrorOverOneHundredPercentIsFlagged() throws {
        let c = try Circuit(parsing: "R1-p(R2,CPE2)-p(R3,C3)")
        let s = try Synthetic.spectrum(c, parameters: [20, 100, 1e-6, 0.9, 0.3, 1e-2], from: 1e5, to: 1e-1,
                                       pointsPerDecade: 10, noise: 0.01, seed: 9)
        let r = try Fitter.fit(s, circuit: c)
        let r3 = try #require(r.parameter("R3"))
        #expect(try #require(r3.standardError) > abs(r3.value))
        #expect(r3.flag == .parameterUndetermined)
        #expect(Self.warning(r, "R3")?.message.contains("standard error") == true)
        for p in r.parameters where p.name.hasPrefix("R1") || p.name.hasPrefix("R2") { #expect(p.flag == nil) }
    }

    @Test func aParameterOnItsBoundIsFlaggedOnce() throws {
        let c = try Circuit(parsing: "R1-p(R2,CPE2)")
        var table = ParameterTable(circuit: c)
        let k = try #require(table.index(of: "n2"))
        table[k].upper = 0.8  // the data have n = 0.9
        let r = try Fitter.fit(try Self.arc(), circuit: c, parameters: table)
        #expect(r.parameter("n2")?.value == 0.8)
        #expect(r.parameter("n2")?.flag == .parameterAtBound)
        #expect(r.warnings.filter { $0.parameters.contains("n2") }.map(\.code) == [.parameterAtBound])
    }

    @Test func warningsEncodeCodesAndOldPlainStringsStillDecode() throws {
        let w = FitWarning(.parameterCollapsed, parameters: ["L3"], "L3 collapsed")
        let text = String(decoding: try JSONEncoder().encode(w), as: UTF8.self)
        #expect(text.contains("\"code\":\"parameter-collapsed\"") && text.contains("\"parameters\":[\"L3\"]"))
        #expect(try JSONDecoder().decode(FitWarning.self, from: Data(text.utf8)) == w)
        let old = try JSONDecoder().decode([FitWarning].self, from: Data("[\"2 point(s) have Z″ > 0 (inductive)\"]".utf8))
        #expect(old == [FitWarning(.other, "2 point(s) have Z″ > 0 (inductive)")])
    }
}
