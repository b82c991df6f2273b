import Foundation
import Numerics
import NyquistCircuit
import NyquistTestSupport
import Testing

/// Whole circuits against impedances computed once with impedance.py 1.7.1
/// (Fixtures/make_impedance_fixtures.py → Fixtures/impedance_py_circuits.json), 10 MHz … 10 µHz.
@Suite struct ImpedancePyFixtureTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let circuit: String
            let parameters: [Double]
            let Z_re_Ohm: [Double]
            let Z_im_Ohm: [Double]
        }
        let frequencies_Hz: [Double]
        let cases: [Case]
    }

    @Test func everyCircuitMatchesImpedancePy() throws {
        let url = RepositoryPaths.fixtures("NyquistCircuitTests").appendingPathComponent("impedance_py_circuits.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.cases.count == 8)
        let grid = try FrequencyGrid(frequencies: fixture.frequencies_Hz)
        for c in fixture.cases {
            let circuit = try Circuit(parsing: c.circuit, syntax: .impedancePy)
            let plan = EvaluationPlan(circuit: circuit)
            #expect(plan.parameterCount == c.parameters.count, "\(c.circuit)")
            let z = plan.impedance(grid, parameters: c.parameters)
            for i in 0..<grid.count {
                let expected = Complex(c.Z_re_Ohm[i], c.Z_im_Ohm[i])
                #expect(isClose(z[i], expected, tolerance: 1e-11), "\(c.circuit) at \(grid.frequencies[i]) Hz")
            }
        }
    }
}
