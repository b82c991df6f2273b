import CGSL

/// One evaluation of a function whose root is sought: the abscissa x, the value f(x) and whatever the caller wants
/// to carry from an evaluation to the next (e.g. the re-optimised parameters of a profile, used as warm starts).
public struct RootPoint<State> {
    public var x: Double
    public var value: Double
    public var state: State

    public init(x: Double, value: Double, state: State) {
        self.x = x
        self.value = value
        self.state = state
    }
}

/// How ``RootFinder/bracket(from:direction:initialStep:limit:evaluate:)`` ended.
public enum BracketOutcome<State> {
    /// f(inside.x) < 0 ≤ f(outside.x): a root lies between.
    case bracketed(inside: RootPoint<State>, outside: RootPoint<State>)
    /// f stayed < 0 up to the limit (the last point evaluated, at the limit).
    case reachedLimit(RootPoint<State>)
    /// `evaluate` returned nil at x; `inside` is the last point where f < 0.
    case failed(at: Double, inside: RootPoint<State>)
}

/// How ``RootFinder/refine(inside:outside:valueTolerance:relativeTolerance:maxIterations:evaluate:)`` ended.
public enum RefineOutcome<State> {
    /// |f(x)| ≤ the value tolerance or the bracket shrank below the relative tolerance; the point is the last evaluated.
    case converged(RootPoint<State>)
    /// The iteration limit was reached with the root still inside (inside, outside).
    case iterationLimit(inside: RootPoint<State>, outside: RootPoint<State>)
    /// `evaluate` returned nil at x.
    case failed(at: Double)
}

/// Why ``RootFinder/brent(lower:upper:absoluteTolerance:relativeTolerance:maxIterations:_:)`` found no root.
public enum RootFinderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// f(lower) and f(upper) have the same sign (or one is not finite): no root is bracketed.
    case notBracketed(lower: Double, upper: Double, valueAtLower: Double, valueAtUpper: Double)
    /// The interval is empty or not finite.
    case invalidInterval(lower: Double, upper: Double)
    /// `maxIterations` iterations ran without reaching the tolerance; `estimate` is the last iterate.
    case iterationLimit(estimate: Double, iterations: Int)
    /// GSL reported a status (e.g. a non-finite f inside the interval).
    case gsl(GSLError)

    public var description: String {
        switch self {
        case .notBracketed(let a, let b, let fa, let fb):
            return "no root bracketed in [\(a), \(b)]: f(\(a)) = \(fa), f(\(b)) = \(fb)"
        case .invalidInterval(let a, let b): return "invalid interval [\(a), \(b)]"
        case .iterationLimit(let x, let n): return "root not converged after \(n) iterations (last estimate \(x))"
        case .gsl(let error): return error.description
        }
    }
}

/// Scalar root finding: bracket, then refine.
///
/// - ``brent(lower:upper:absoluteTolerance:relativeTolerance:maxIterations:_:)``: GSL's Brent–Dekker solver
///   (`gsl_root_fsolver_brent`, convergence by `gsl_root_test_interval`) for a cheap f on a given bracket.
/// - ``bracket(from:direction:initialStep:limit:evaluate:)`` and
///   ``refine(inside:outside:valueTolerance:relativeTolerance:maxIterations:evaluate:)``: for an expensive f whose
///   evaluations carry state to the next (profile likelihoods): step outward by h, 2h, 4h, … until the sign changes,
///   then regula falsi with the Illinois modification (the retained end's value is halved when the same end is kept
///   twice), which converges superlinearly without derivatives.
public enum RootFinder {
    /// The root of f in [lower, upper] by GSL's Brent–Dekker method, to |b − a| < absoluteTolerance +
    /// relativeTolerance·min(|a|, |b|) (`gsl_root_test_interval`).
    /// - Throws: ``RootFinderError`` when f(lower), f(upper) do not differ in sign, the interval is invalid, or the
    ///   iteration limit is reached.
    public static func brent(
        lower: Double, upper: Double, absoluteTolerance: Double = 1e-12, relativeTolerance: Double = 1e-12,
        maxIterations: Int = 200, _ f: (Double) -> Double
    ) throws(RootFinderError) -> Double {
        guard lower.isFinite, upper.isFinite, lower < upper else { throw .invalidInterval(lower: lower, upper: upper) }
        let fa = f(lower), fb = f(upper)
        if fa == 0 { return lower }
        if fb == 0 { return upper }
        guard fa.isFinite, fb.isFinite, (fa < 0) != (fb < 0) else {
            throw .notBracketed(lower: lower, upper: upper, valueAtLower: fa, valueAtUpper: fb)
        }
        ensureGSLErrorHandlerOff()
        guard let solver = gsl_root_fsolver_alloc(nyq_root_fsolver_brent()) else {
            throw .gsl(.allocationFailed(what: "gsl_root_fsolver (brent)"))
        }
        defer { gsl_root_fsolver_free(solver) }
        return try withoutActuallyEscaping(f) { (escapable) throws(RootFinderError) -> Double in
            let box = RootFunctionBox(escapable)
            return try withExtendedLifetime(box) { () throws(RootFinderError) -> Double in
                var function = gsl_function(function: rootTrampoline, params: Unmanaged.passUnretained(box).toOpaque())
                let status = gsl_root_fsolver_set(solver, &function, lower, upper)
                guard status == NYQ_GSL_SUCCESS else { throw .gsl(.gsl(status, in: "gsl_root_fsolver_set")) }
                for iteration in 1...max(maxIterations, 1) {
                    let code = gsl_root_fsolver_iterate(solver)
                    guard code == NYQ_GSL_SUCCESS else { throw .gsl(.gsl(code, in: "gsl_root_fsolver_iterate")) }
                    let a = gsl_root_fsolver_x_lower(solver), b = gsl_root_fsolver_x_upper(solver)
                    let root = gsl_root_fsolver_root(solver)
                    if f(root) == 0 { return root }
                    if gsl_root_test_interval(a, b, absoluteTolerance, relativeTolerance) == NYQ_GSL_SUCCESS {
                        return root
                    }
                    if iteration == maxIterations { throw .iterationLimit(estimate: root, iterations: iteration) }
                }
                throw .iterationLimit(estimate: gsl_root_fsolver_root(solver), iterations: maxIterations)
            }
        }
    }

    /// Steps from `start` (where f < 0) in `direction` (±1) to start.x + direction·h, then h·2, h·4, … (the last step
    /// clamped to `limit`) until f ≥ 0. `evaluate(x, inside, previous)` returns f at x (nil when it cannot be
    /// evaluated); `inside` is the last point with f < 0 and `previous` the one before it (nil at first), for
    /// callers that extrapolate warm starts.
    public static func bracket<State>(
        from start: RootPoint<State>, direction: Double, initialStep: Double, limit: Double,
        evaluate: (Double, RootPoint<State>, RootPoint<State>?) -> RootPoint<State>?
    ) -> BracketOutcome<State> {
        var inside = start
        var previous: RootPoint<State>? = nil
        var step = initialStep
        while true {
            var x = start.x + direction * step
            let atLimit = direction < 0 ? x <= limit : x >= limit
            if atLimit { x = limit }
            guard let e = evaluate(x, inside, previous) else { return .failed(at: x, inside: inside) }
            if e.value >= 0 { return .bracketed(inside: inside, outside: e) }
            previous = inside
            inside = e
            if atLimit { return .reachedLimit(e) }
            step *= 2
        }
    }

    /// Refines a bracket f(inside.x) < 0 ≤ f(outside.x) by Illinois regula falsi (bisection when the secant point
    /// falls outside the bracket), stopping when |f| ≤ `valueTolerance` or the bracket is narrower than
    /// `relativeTolerance`·max(1, |x|). `evaluate(x, inside, outside)` returns f at x, nil when it cannot be evaluated.
    public static func refine<State>(
        inside: RootPoint<State>, outside: RootPoint<State>, valueTolerance: Double,
        relativeTolerance: Double = 1e-12, maxIterations: Int = 80,
        evaluate: (Double, RootPoint<State>, RootPoint<State>) -> RootPoint<State>?
    ) -> RefineOutcome<State> {
        var a = inside, b = outside
        var kept = 0  // Illinois: which end was retained last time (−1: a, +1: b)
        for _ in 0..<maxIterations {
            var x = b.x - b.value * (b.x - a.x) / (b.value - a.value)
            if !(x.isFinite && (x - a.x) * (x - b.x) < 0) { x = 0.5 * (a.x + b.x) }
            guard let e = evaluate(x, a, b) else { return .failed(at: x) }
            if e.value >= 0 {
                b = e
                if kept == -1 { a.value *= 0.5 }
                kept = -1
            } else {
                a = e
                if kept == 1 { b.value *= 0.5 }
                kept = 1
            }
            if abs(e.value) <= valueTolerance || abs(b.x - a.x) <= relativeTolerance * max(1, abs(x)) {
                return .converged(e)
            }
        }
        return .iterationLimit(inside: a, outside: b)
    }
}

/// The Swift closure behind a `gsl_function`, reached through its `params` pointer.
private final class RootFunctionBox {
    let f: (Double) -> Double
    init(_ f: @escaping (Double) -> Double) { self.f = f }
}

/// `gsl_function.function`.
private func rootTrampoline(_ x: Double, _ params: UnsafeMutableRawPointer?) -> Double {
    guard let params else { return .nan }
    return Unmanaged<RootFunctionBox>.fromOpaque(params).takeUnretainedValue().f(x)
}
