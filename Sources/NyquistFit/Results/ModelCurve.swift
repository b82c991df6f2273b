import Numerics
import NyquistCircuit

/// A circuit's impedance Z(f) in Ω on a log-spaced grid from `highest` down to `lowest` Hz — a model drawn over its
/// data (`nyquist fit --plot`, `nyquist plot`), evaluated by ``NyquistCircuit/EvaluationPlan``.
public struct ModelCurve: Sendable, Hashable {
    /// Hz, from the highest down.
    public var frequencies: [Double]
    /// Z(f) in Ω, one per frequency.
    public var impedances: [Complex<Double>]

    /// - Parameters:
    ///   - values: the circuit's parameter values in table order (Ω, F·s^(n−1), …).
    ///   - pointsPerDecade: grid density (40 by default).
    /// - Throws: ``NyquistCircuit/FrequencyGridError`` for a non-positive or non-finite range.
    public init(circuit: Circuit, values: [Double], from highest: Double, to lowest: Double, pointsPerDecade: Int = 40)
        throws(FrequencyGridError)
    {
        let grid = try FrequencyGrid.logSpaced(from: highest, to: lowest, pointsPerDecade: pointsPerDecade)
        frequencies = grid.frequencies
        impedances = EvaluationPlan(circuit: circuit).impedance(grid, parameters: values)
    }

    /// The fitted model over the frequency window the fit used.
    public init(fit result: FitResult, circuit: Circuit, pointsPerDecade: Int = 40) throws(FrequencyGridError) {
        try self.init(circuit: circuit, values: result.parameters.map(\.value), from: result.frequencyRange.upperBound,
                      to: result.frequencyRange.lowerBound, pointsPerDecade: pointsPerDecade)
    }
}
