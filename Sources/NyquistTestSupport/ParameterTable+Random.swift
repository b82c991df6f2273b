import NyquistNumerics
import NyquistCircuit
import NyquistFit

extension ParameterTable {
    /// Random physical values: log-uniform in each parameter's typical range.
    public func randomValues(using g: inout SeededRandom) -> [Double] {
        parameters.map { p in
            p.domain == .exponent ? Double.random(in: 0.3...1, using: &g) : g.logUniform(p.typical)
        }
    }
}
