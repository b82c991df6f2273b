/// The outcome class of one stored fit.
public enum FitStatus: String, Sendable, Codable, Hashable, CaseIterable {
    case converged
    /// The optimiser stopped without meeting a convergence test; the values are the best point found.
    case notConverged = "not-converged"
    /// The fit could not be set up or run (the error text is stored in `reason`); no parameters.
    case failed
}
