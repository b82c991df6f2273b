import NyquistCircuit
import Numerics

/// The map between a physical parameter p and the unconstrained coordinate θ the optimisers work in.
///
/// Chosen from the parameter's domain and bounds so that bounds always hold and scales from 10⁻¹² to 10⁹ are equally
/// well conditioned (σ(θ) = 1/(1 + e^(−θ)) is the logistic function):
/// - positive, bounds (0, ∞): p = e^θ (ln p);
/// - positive, bounds (a, ∞), a > 0: p = a + e^θ;
/// - positive, bounds (0, b): p = b σ(θ);
/// - positive, bounds (a, b), a > 0: ln p = ln a + (ln b − ln a) σ(θ) (log-scaled box);
/// - exponent or any other bounds (a, b): p = a + (b − a) σ(θ).
public enum ParameterTransform: Sendable, Hashable, Codable {
    case log
    case lowerBounded(Double)
    case upperBounded(Double)
    case logBox(Double, Double)
    case box(Double, Double)

    public init(domain: ParameterDomain, lower: Double, upper: Double) {
        switch domain {
        case .positive where lower <= 0 && upper == .infinity: self = .log
        case .positive where upper == .infinity: self = .lowerBounded(lower)
        case .positive where lower <= 0: self = .upperBounded(upper)
        case .positive: self = .logBox(Double.log(lower), Double.log(upper))
        case .exponent: self = .box(lower, upper)
        }
    }

    @inline(__always) static func logistic(_ t: Double) -> Double { 1 / (1 + Double.exp(-t)) }
    @inline(__always) static func logit(_ s: Double) -> Double { Double.log(s / (1 - s)) }

    /// p(θ).
    @inline(__always)
    public func physical(_ t: Double) -> Double {
        switch self {
        case .log: return Double.exp(t)
        case .lowerBounded(let a): return a + Double.exp(t)
        case .upperBounded(let b): return b * Self.logistic(t)
        case .logBox(let la, let lb): return Double.exp(la + (lb - la) * Self.logistic(t))
        case .box(let a, let b): return a + (b - a) * Self.logistic(t)
        }
    }

    /// dp/dθ at θ.
    @inline(__always)
    public func derivative(_ t: Double) -> Double {
        switch self {
        case .log: return Double.exp(t)
        case .lowerBounded: return Double.exp(t)
        case .upperBounded(let b):
            let s = Self.logistic(t)
            return b * s * (1 - s)
        case .logBox(let la, let lb):
            let s = Self.logistic(t)
            return Double.exp(la + (lb - la) * s) * (lb - la) * s * (1 - s)
        case .box(let a, let b):
            let s = Self.logistic(t)
            return (b - a) * s * (1 - s)
        }
    }

    /// θ(p), with p first moved strictly inside its bounds (by 10⁻⁹ of the range) so that a start on a bound is usable.
    public func internalValue(_ p: Double) -> Double {
        let eps = 1e-9
        switch self {
        case .log: return Double.log(max(p, .leastNormalMagnitude))
        case .lowerBounded(let a): return Double.log(max(p - a, a * eps + .leastNormalMagnitude))
        case .upperBounded(let b): return Self.logit(min(max(p / b, eps), 1 - eps))
        case .logBox(let la, let lb):
            return Self.logit(min(max((Double.log(max(p, .leastNormalMagnitude)) - la) / (lb - la), eps), 1 - eps))
        case .box(let a, let b): return Self.logit(min(max((p - a) / (b - a), eps), 1 - eps))
        }
    }

    /// Which bound p sits on (within 10⁻⁶ of the range, in the transform's own scale), if any.
    public func boundHit(_ t: Double) -> BoundHit? {
        switch self {
        case .log: return nil
        case .lowerBounded(let a): return Double.exp(t) < 1e-6 * a ? .lower : nil
        case .upperBounded, .logBox, .box:
            let s = Self.logistic(t)
            if s < 1e-6 { return .lower }
            if s > 1 - 1e-6 { return .upper }
            return nil
        }
    }
}

/// A parameter that ended on one of its bounds.
public enum BoundHit: String, Sendable, Codable, Hashable {
    case lower, upper
}
