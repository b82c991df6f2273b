import CGSL

/// Why a ``NelderMeadSimplex`` minimisation ended.
public enum SimplexStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The simplex size (RMS distance of the vertices from their centre) fell to `sizeTolerance` or below
    /// (`gsl_multimin_test_size`).
    case converged
    /// `maxIterations` iterations ran without reaching `sizeTolerance`.
    case maxIterations
    /// No vertex ever had a finite objective value; `value` is meaningless.
    case noFiniteValue
    /// Any other GSL status (see ``gslStatusMessage(_:)``).
    case failed(code: Int32)

    public var description: String {
        switch self {
        case .converged: return "converged"
        case .maxIterations: return "maximum iterations reached"
        case .noFiniteValue: return "objective never finite"
        case .failed(let code): return "GSL status \(code): \(gslStatusMessage(code))"
        }
    }
}

/// The result of ``NelderMeadSimplex/minimize(start:steps:maxIterations:sizeTolerance:objective:)``.
public struct SimplexOutcome: Sendable, Hashable, Codable {
    /// Best vertex found.
    public var x: [Double]
    /// Objective at `x` (`Double.greatestFiniteMagnitude` if it was never finite, see `.noFiniteValue`).
    public var value: Double
    /// Final simplex size, in the units of x.
    public var size: Double
    /// Iterations performed (`gsl_multimin_fminimizer_iterate` calls).
    public var iterations: Int
    /// Objective evaluations.
    public var evaluations: Int
    public var status: SimplexStatus

    public init(x: [Double], value: Double, size: Double, iterations: Int, evaluations: Int, status: SimplexStatus) {
        self.x = x
        self.value = value
        self.size = size
        self.iterations = iterations
        self.evaluations = evaluations
        self.status = status
    }
}

/// Objective callback state reached through `gsl_multimin_function.params`.
final class SimplexContext {
    let dimension: Int
    let xScratch: UnsafeMutableBufferPointer<Double>
    var objective: ((UnsafeBufferPointer<Double>) -> Double)?
    var evaluations = 0

    init(dimension: Int) {
        self.dimension = dimension
        xScratch = .allocate(capacity: dimension)
        xScratch.initialize(repeating: 0)
    }

    deinit { xScratch.deallocate() }
}

/// `gsl_multimin_function.f`. NaN/±∞ objective values become `Double.greatestFiniteMagnitude` so that nmsimplex2
/// treats the point as worse than any finite one instead of failing with `GSL_EBADFUNC`.
func simplexObjectiveTrampoline(_ x: UnsafePointer<gsl_vector>?, _ params: UnsafeMutableRawPointer?) -> Double {
    guard let params, let x, let data = x.pointee.data else { return .greatestFiniteMagnitude }
    let context = Unmanaged<SimplexContext>.fromOpaque(params).takeUnretainedValue()
    guard let objective = context.objective else { return .greatestFiniteMagnitude }
    let point: UnsafeBufferPointer<Double>
    if x.pointee.stride == 1 {
        point = UnsafeBufferPointer(start: data, count: x.pointee.size)
    } else {
        let count = min(x.pointee.size, context.dimension)
        for i in 0..<count { context.xScratch[i] = data[i * x.pointee.stride] }
        point = UnsafeBufferPointer(rebasing: context.xScratch[0..<count])
    }
    context.evaluations += 1
    let value = objective(point)
    return value.isFinite ? value : .greatestFiniteMagnitude
}

/// A reusable derivative-free minimiser for a scalar objective of `dimension` variables: GSL's Nelder–Mead simplex
/// (`gsl_multimin_fminimizer_nmsimplex2`, O(n) memory and O(n) work per iteration).
///
/// Non-finite objective values (NaN, ±∞) are replaced by `Double.greatestFiniteMagnitude` ("worse than any finite
/// value"), so a start region where the model overflows does not abort the search. Create one per thread; it is
/// `Sendable` so it can be moved to the thread that uses it, and `minimize` is `mutating`.
public struct NelderMeadSimplex: ~Copyable, @unchecked Sendable {
    // @unchecked Sendable: the minimiser, function block and context are reachable only through this
    // non-copyable value, and `minimize` is `mutating`.

    /// Number of variables.
    public let dimension: Int
    private let minimizer: UnsafeMutablePointer<gsl_multimin_fminimizer>
    /// GSL keeps this pointer (`s->f`) after `gsl_multimin_fminimizer_set`.
    private let function: UnsafeMutablePointer<gsl_multimin_function>
    private let context: SimplexContext

    /// - Throws: `.badDimensions` when `dimension` ≤ 0, `.allocationFailed` when GSL returns `NULL`.
    public init(dimension: Int) throws(GSLError) {
        ensureGSLErrorHandlerOff()
        guard dimension > 0 else {
            throw .badDimensions(rows: 1, columns: dimension, reason: "the simplex needs at least one variable")
        }
        guard let minimizer = gsl_multimin_fminimizer_alloc(nyq_fminimizer_nmsimplex2(), dimension) else {
            throw .allocationFailed(what: "gsl_multimin_fminimizer nmsimplex2 (\(dimension))")
        }
        let context = SimplexContext(dimension: dimension)
        let function = UnsafeMutablePointer<gsl_multimin_function>.allocate(capacity: 1)
        function.initialize(
            to: gsl_multimin_function(
                f: simplexObjectiveTrampoline, n: dimension, params: Unmanaged.passUnretained(context).toOpaque()))
        self.dimension = dimension
        self.minimizer = minimizer
        self.function = function
        self.context = context
    }

    deinit {
        gsl_multimin_fminimizer_free(minimizer)
        function.deinitialize(count: 1)
        function.deallocate()
    }

    /// Minimises `objective` from `start` with initial vertices `start + steps[i]·eᵢ`
    /// (`gsl_multimin_fminimizer_set`, then `gsl_multimin_fminimizer_iterate` until `gsl_multimin_test_size`).
    ///
    /// - Parameters:
    ///   - start: initial point, length `dimension`, finite.
    ///   - steps: initial vertex offsets per variable, finite and non-zero, in the units of x.
    ///   - maxIterations: iteration limit, ≥ 0.
    ///   - sizeTolerance: stop when the simplex size is ≤ this, > 0.
    ///   - objective: the function to minimise; NaN/±∞ are treated as `Double.greatestFiniteMagnitude`.
    /// - Throws: `.lengthMismatch`, `.nonFiniteInput`, `.invalidArgument` for bad arguments.
    public mutating func minimize(
        start: [Double],
        steps: [Double],
        maxIterations: Int = 1000,
        sizeTolerance: Double = 1e-8,
        objective: (UnsafeBufferPointer<Double>) -> Double
    ) throws(GSLError) -> SimplexOutcome {
        ensureGSLErrorHandlerOff()
        try requireLength(start, dimension, argument: "start")
        try requireFinite(start, argument: "start")
        try requireLength(steps, dimension, argument: "steps")
        try requireFinite(steps, argument: "steps")
        if let zero = steps.firstIndex(of: 0) {
            throw .invalidArgument(argument: "steps[\(zero)]", reason: "a zero step makes the simplex degenerate")
        }
        guard maxIterations >= 0 else {
            throw .invalidArgument(argument: "maxIterations", reason: "\(maxIterations) is negative")
        }
        try requireTolerance(sizeTolerance, argument: "sizeTolerance", strictlyPositive: true)

        let minimizer = self.minimizer
        let function = self.function
        let context = self.context
        return withoutActuallyEscaping(objective) { escapableObjective in
            context.objective = escapableObjective
            context.evaluations = 0
            defer { context.objective = nil }
            return Self.run(
                start: start, steps: steps, maxIterations: maxIterations, sizeTolerance: sizeTolerance,
                minimizer: minimizer, function: function, context: context)
        }
    }

    private static func run(
        start: [Double], steps: [Double], maxIterations: Int, sizeTolerance: Double,
        minimizer: UnsafeMutablePointer<gsl_multimin_fminimizer>,
        function: UnsafeMutablePointer<gsl_multimin_function>,
        context: SimplexContext
    ) -> SimplexOutcome {
        var startCopy = start
        var stepCopy = steps
        let setStatus = startCopy.withUnsafeMutableBufferPointer { startBuffer in
            stepCopy.withUnsafeMutableBufferPointer { stepBuffer in
                withGSLVector(startBuffer) { startVector in
                    withGSLVector(stepBuffer) { stepVector in
                        gsl_multimin_fminimizer_set(minimizer, function, startVector, stepVector)
                    }
                }
            }
        }
        guard setStatus == NYQ_GSL_SUCCESS else {
            return SimplexOutcome(
                x: start, value: .greatestFiniteMagnitude, size: .infinity, iterations: 0,
                evaluations: context.evaluations, status: .failed(code: setStatus))
        }
        var iterations = 0
        var status = SimplexStatus.maxIterations
        while iterations < maxIterations {
            let code = gsl_multimin_fminimizer_iterate(minimizer)
            iterations += 1
            guard code == NYQ_GSL_SUCCESS else {
                status = .failed(code: code)
                break
            }
            if gsl_multimin_test_size(gsl_multimin_fminimizer_size(minimizer), sizeTolerance) == NYQ_GSL_SUCCESS {
                status = .converged
                break
            }
        }
        var x = start
        if let vector = gsl_multimin_fminimizer_x(minimizer), let data = vector.pointee.data {
            let stride = vector.pointee.stride
            x = (0..<context.dimension).map { data[$0 * stride] }
        }
        // GSL sets `fval` only in `iterate`; with no iteration, evaluate the start point here.
        let value: Double
        if iterations > 0 {
            value = gsl_multimin_fminimizer_minimum(minimizer)
        } else {
            value = x.withUnsafeBufferPointer { point in
                let raw = context.objective?(point) ?? .greatestFiniteMagnitude
                return raw.isFinite ? raw : .greatestFiniteMagnitude
            }
        }
        switch status {
        case .failed: break
        default: if value == .greatestFiniteMagnitude { status = .noFiniteValue }
        }
        return SimplexOutcome(
            x: x, value: value, size: gsl_multimin_fminimizer_size(minimizer), iterations: iterations,
            evaluations: context.evaluations, status: status)
    }
}
