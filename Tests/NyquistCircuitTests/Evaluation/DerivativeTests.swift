import NyquistNumerics
import Numerics
import NyquistCircuit
import NyquistFit
import NyquistTestSupport
import Testing

/// Every analytic partial derivative against a central finite difference, on random circuits over 12 decades.
@Suite struct DerivativeTests {
    /// Central difference of Z with respect to parameter k, Richardson-extrapolated (steps h and h/2, error O(h⁴)):
    /// in ln p for positive parameters, linearly for exponents.
    func finiteDifference(_ plan: EvaluationPlan, _ grid: FrequencyGrid, _ p: [Double], _ k: Int,
                          exponent: Bool) -> [Complex<Double>] {
        func central(_ h: Double) -> [Complex<Double>] {
            var up = p, down = p
            let step: Double
            if exponent {
                up[k] += h; down[k] -= h; step = 2 * h
            } else {
                up[k] *= Double.exp(h); down[k] *= Double.exp(-h); step = p[k] * (Double.exp(h) - Double.exp(-h))
            }
            let zu = plan.impedance(grid, parameters: up), zd = plan.impedance(grid, parameters: down)
            return zip(zu, zd).map { ($0 - $1).divided(by: step) }
        }
        let coarse = central(2e-4), fine = central(1e-4)
        return zip(coarse, fine).map { ($1.multiplied(by: 4) - $0).divided(by: 3) }
    }

    @Test(arguments: 0..<60)
    func analyticMatchesCentralDifferences(seed: Int) throws {
        var generator = CircuitGenerator(seed: UInt64(seed) &* 7919 &+ 1)
        let circuit = generator.circuit(maxDepth: 3)
        var g = SeededRandom(seed: UInt64(seed))
        let table = ParameterTable(circuit: circuit)
        let p = table.randomValues(using: &g)
        let grid = try FrequencyGrid.logSpaced(from: 1e7, to: 1e-5, pointsPerDecade: 2)
        let plan = EvaluationPlan(circuit: circuit)
        #expect(plan.parameterCount == table.count)
        let (z, jac) = plan.impedanceAndJacobian(grid, parameters: p)
        for k in 0..<plan.parameterCount {
            let fd = finiteDifference(plan, grid, p, k, exponent: table[k].domain == .exponent)
            for i in 0..<grid.count {
                let analytic = jac[i * plan.parameterCount + k]
                // Relative error, measured against the derivative itself or, when the parameter barely moves Z
                // at this frequency, against 1e-3·|Z| (below that the difference quotient is rounding noise).
                let scale = max(analytic.length, fd[i].length, 1e-3 * z[i].length / max(abs(p[k]), 1e-300))
                let err = (analytic - fd[i]).length / scale
                #expect(err < 1e-6, "seed \(seed) \(table[k].name) at f=\(grid.frequencies[i]) Hz: \(err)")
            }
        }
    }

    /// Every kind alone, at its default parameters and at a second point with exponents near 1 and ½, from
    /// 1 mHz to 1 MHz: the partials of each element family's file against central differences.
    @Test(arguments: ElementKind.allCases)
    func everyKindMatchesCentralDifferences(kind: ElementKind) throws {
        let plan = EvaluationPlan(circuit: .element(Element(kind: kind, label: "1")))
        let grid = try FrequencyGrid.logSpaced(from: 1e6, to: 1e-3, pointsPerDecade: 3)
        let slots = kind.slots
        let points = [slots.map(\.defaultValue),
                      slots.enumerated().map { k, s in s.domain == .exponent ? (k % 2 == 0 ? 0.97 : 0.55) : s.defaultValue * 37 }]
        for p in points {
            let (z, jac) = plan.impedanceAndJacobian(grid, parameters: p)
            for k in 0..<slots.count {
                let fd = finiteDifference(plan, grid, p, k, exponent: slots[k].domain == .exponent)
                for i in 0..<grid.count {
                    let analytic = jac[i * slots.count + k]
                    let scale = max(analytic.length, fd[i].length, 1e-3 * z[i].length / max(abs(p[k]), 1e-300))
                    let err = (analytic - fd[i]).length / scale
                    #expect(err < 1e-6, "\(kind) \(slots[k].symbol) at f=\(grid.frequencies[i]) Hz, p = \(p): \(err)")
                }
            }
        }
    }
}
