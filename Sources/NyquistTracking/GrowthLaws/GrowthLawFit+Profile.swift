import Foundation
import NyquistNumerics

extension GrowthLawFit {
    /// Adds the 95 % profile-likelihood interval of every parameter (``GrowthLawParameter/profile``); see
    /// ``ProfileCriterion`` for the rule used with each ``VarianceModel``.
    mutating func addProfiles(problem: LogSpaceProblem) {
        let theta = values
        for j in parameters.indices {
            parameters[j].profile = problem.profileInterval(
                j, theta: theta, chi2: chiSquared, se: parameters[j].standardError)
        }
    }
}
