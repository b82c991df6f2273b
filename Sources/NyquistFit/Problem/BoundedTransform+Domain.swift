import Foundation
import NyquistCircuit
import NyquistNumerics

/// The map between a physical parameter p and the unconstrained coordinate θ the optimisers work in: NyquistNumerics'
/// ``BoundedTransform`` (formulas, derivative and bound test live there, shared with NyquistTracking).
public typealias ParameterTransform = BoundedTransform

extension BoundedTransform {
    /// The transform of a circuit parameter, chosen from its domain and bounds so that bounds always hold and scales
    /// from 10⁻¹² to 10⁹ are equally well conditioned:
    /// - positive, bounds (0, ∞): ``log`` (p = e^θ);
    /// - positive, bounds (a, ∞), a > 0: ``lowerBounded(_:)`` (p = a + e^θ);
    /// - positive, bounds (0, b): ``upperBounded(_:)`` (p = b σ(θ));
    /// - positive, bounds (a, b), a > 0: ``logBox(_:_:)`` (ln p = ln a + (ln b − ln a) σ(θ));
    /// - exponent or any other bounds (a, b): ``box(_:_:)`` (p = a + (b − a) σ(θ)).
    public init(domain: ParameterDomain, lower: Double, upper: Double) {
        switch domain {
        case .positive where lower <= 0 && upper == .infinity: self = .log
        case .positive where upper == .infinity: self = .lowerBounded(lower)
        case .positive where lower <= 0: self = .upperBounded(upper)
        case .positive: self = .logBox(Foundation.log(lower), Foundation.log(upper))
        case .exponent: self = .box(lower, upper)
        }
    }
}
