import Foundation

/// The map p = T(θ) between a bounded physical parameter p and the unconstrained coordinate θ that the
/// least-squares solvers (``LevenbergMarquardt``, ``NelderMeadSimplex``, ``MultiStartFit``) work in.
///
/// With σ(θ) = 1/(1 + e^(−θ)) the logistic function:
/// - ``identity``: p = θ, bounds (−∞, ∞);
/// - ``log``: p = e^θ, bounds (0, ∞);
/// - ``lowerBounded(_:)``: p = a + e^θ, bounds (a, ∞);
/// - ``upperBounded(_:)``: p = b·σ(θ), bounds (0, b);
/// - ``logBox(_:_:)``: ln p = ln a + (ln b − ln a)·σ(θ), bounds (a, b) with a > 0 (the associated values are ln a,
///   ln b): a log-scaled box;
/// - ``box(_:_:)``: p = a + (b − a)·σ(θ), bounds (a, b);
/// - ``scaledAbove(_:)``: p = m·(1 + e^θ), bounds (m, ∞) with the distance above m on a relative log scale (a
///   critical value beyond the data, m > 0).
///
/// Pure Swift (no GSL call). NyquistFit's parameter transforms and NyquistTracking's growth-law and profile
/// coordinates both come from here.
public enum BoundedTransform: Sendable, Hashable, Codable {
    case log
    case lowerBounded(Double)
    case upperBounded(Double)
    case logBox(Double, Double)
    case box(Double, Double)
    case identity
    case scaledAbove(Double)

    /// σ(θ) = 1/(1 + e^(−θ)).
    @inlinable @inline(__always)
    public static func logistic(_ t: Double) -> Double { 1 / (1 + Foundation.exp(-t)) }

    /// σ⁻¹(s) = ln(s/(1 − s)).
    @inlinable @inline(__always)
    public static func logit(_ s: Double) -> Double { Foundation.log(s / (1 - s)) }

    /// p(θ).
    @inlinable @inline(__always)
    public func physical(_ t: Double) -> Double {
        switch self {
        case .log: return Foundation.exp(t)
        case .lowerBounded(let a): return a + Foundation.exp(t)
        case .upperBounded(let b): return b * Self.logistic(t)
        case .logBox(let la, let lb): return Foundation.exp(la + (lb - la) * Self.logistic(t))
        case .box(let a, let b): return a + (b - a) * Self.logistic(t)
        case .identity: return t
        case .scaledAbove(let m): return m * (1 + Foundation.exp(t))
        }
    }

    /// dp/dθ at θ.
    @inlinable @inline(__always)
    public func derivative(_ t: Double) -> Double {
        switch self {
        case .log: return Foundation.exp(t)
        case .lowerBounded: return Foundation.exp(t)
        case .upperBounded(let b):
            let s = Self.logistic(t)
            return b * s * (1 - s)
        case .logBox(let la, let lb):
            let s = Self.logistic(t)
            return Foundation.exp(la + (lb - la) * s) * (lb - la) * s * (1 - s)
        case .box(let a, let b):
            let s = Self.logistic(t)
            return (b - a) * s * (1 - s)
        case .identity: return 1
        case .scaledAbove(let m): return m * Foundation.exp(t)
        }
    }

    /// θ(p), with p first moved strictly inside its bounds (by 10⁻⁹ of the range; for ``scaledAbove(_:)`` to at
    /// least m·(1 + 10⁻⁹)) so that a start on a bound is usable.
    public func internalValue(_ p: Double) -> Double {
        let eps = 1e-9
        switch self {
        case .log: return Foundation.log(max(p, .leastNormalMagnitude))
        case .lowerBounded(let a): return Foundation.log(max(p - a, a * eps + .leastNormalMagnitude))
        case .upperBounded(let b): return Self.logit(min(max(p / b, eps), 1 - eps))
        case .logBox(let la, let lb):
            return Self.logit(min(max((Foundation.log(max(p, .leastNormalMagnitude)) - la) / (lb - la), eps), 1 - eps))
        case .box(let a, let b): return Self.logit(min(max((p - a) / (b - a), eps), 1 - eps))
        case .identity: return p
        case .scaledAbove(let m): return Foundation.log(max(p / m - 1, eps))
        }
    }

    /// Which bound p sits on (within 10⁻⁶ of the range, in the transform's own scale), if any; never for the
    /// unbounded ``identity`` and ``log`` maps.
    public func boundHit(_ t: Double) -> BoundHit? {
        switch self {
        case .log, .identity: return nil
        case .lowerBounded(let a): return Foundation.exp(t) < 1e-6 * a ? .lower : nil
        case .scaledAbove: return Foundation.exp(t) < 1e-6 ? .lower : nil
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
