import Dispatch
import NyquistCircuit
import NyquistNumerics

extension Fitter {
    /// EC-Lab's Randomize + Simplex, then LM polish.
    ///
    /// 1. Randomize: `randomStarts` points drawn log-uniformly in the ``SamplingBox`` from the seeded generator
    ///    (in sequence, so the draw does not depend on threads), each scored by χ².
    /// 2. The `refinedStarts` best samples (ties broken by draw order) and the smart guess are refined by
    ///    Nelder–Mead (GSL nmsimplex2, unit steps in θ) and polished by Levenberg–Marquardt, in parallel; each
    ///    refinement depends only on its own start, so the result is the same on any number of threads.
    /// 3. The lowest χ² wins (ties: the earlier start); the count of starts within `basinTolerance` of it is reported.
    /// `seed`, `randomStarts` and `refinedStarts` override the settings' (for `auto`'s second round).
    static func global(_ problem: FitProblem, guess: [Double], seed: UInt64? = nil, randomStarts: Int? = nil,
                       refinedStarts: Int? = nil) throws(FitError) -> Candidate {
        let settings = problem.settings
        let sampleCount = max(randomStarts ?? settings.randomStarts, 0)
        let box = SamplingBox(problem)
        var rng = SeededRandom(seed: seed ?? settings.seed)
        let base = problem.parameters.values
        let evaluator = ResidualEvaluator(problem)
        var f = [Double](repeating: 0, count: problem.residualCount)
        var scored: [(chi: Double, theta: [Double])] = []
        scored.reserveCapacity(min(sampleCount, FitSettings.maximumRandomStarts))
        for _ in 0..<sampleCount {
            var p = base
            for (k, v) in zip(problem.free, box.sample(using: &rng)) { p[k] = v }
            let theta = problem.internalCoordinates(p)
            let chi = theta.withUnsafeBufferPointer { t in
                f.withUnsafeMutableBufferPointer { evaluator.chiSquare(t, scratch: $0) }
            }
            scored.append((chi.isFinite ? chi : .infinity, theta))
        }
        let order = scored.indices.sorted { (scored[$0].chi, $0) < (scored[$1].chi, $1) }
        var starts = [problem.internalCoordinates(guess)]
        starts += order.prefix(max(refinedStarts ?? settings.refinedStarts, 0)).map { scored[$0].theta }

        let startList = starts
        let results = ResultSlots<Result<Candidate, FitError>>(count: startList.count)
        let work = { @Sendable (i: Int) in
            results.set(i, Result { () throws(FitError) -> Candidate in try refine(problem, from: startList[i]) })
        }
        if settings.parallelStarts {
            DispatchQueue.concurrentPerform(iterations: startList.count, execute: work)
        } else {
            for i in startList.indices { work(i) }
        }
        var candidates: [Candidate] = []
        for r in results.values {
            switch r {
            case .success(let c): candidates.append(c)
            case .failure(let e): throw e
            case nil: continue
            }
        }
        guard var best = candidates.indices.min(by: { (candidates[$0].chiSquare, $0) < (candidates[$1].chiSquare, $1) })
            .map({ candidates[$0] })
        else { throw .numerics(.invalidArgument(argument: "starts", reason: "no start could be refined")) }
        let limit = best.chiSquare * (1 + settings.basinTolerance) + 1e-18 * Double(problem.residualCount)
        best.method = .randomizeSimplex
        best.iterations = candidates.reduce(0) { $0 + $1.iterations }
        best.functionEvaluations = candidates.reduce(0) { $0 + $1.functionEvaluations } + scored.count
        best.jacobianEvaluations = candidates.reduce(0) { $0 + $1.jacobianEvaluations }
        best.randomSamples = scored.count
        best.refinedStarts = candidates.count
        best.startsReachingBest = candidates.filter { $0.chiSquare <= limit }.count
        return best
    }

    /// Nelder–Mead from θ, then Levenberg–Marquardt from the simplex's best point.
    static func refine(_ problem: FitProblem, from theta: [Double]) throws(FitError) -> Candidate {
        let evaluator = ResidualEvaluator(problem)
        var f = [Double](repeating: 0, count: problem.residualCount)
        var simplexEvaluations = 0
        var start = theta
        if problem.settings.simplexIterations > 0 {
            do {
                var simplex = try NelderMeadSimplex(dimension: problem.freeCount)
                let out = try simplex.minimize(
                    start: theta, steps: [Double](repeating: 1, count: problem.freeCount),
                    maxIterations: problem.settings.simplexIterations, sizeTolerance: 1e-6
                ) { t in f.withUnsafeMutableBufferPointer { evaluator.chiSquare(t, scratch: $0) } }
                start = out.x
                simplexEvaluations = out.evaluations
            } catch { throw .numerics(error) }
        }
        var c = try local(problem, from: start, method: .randomizeSimplex)
        c.functionEvaluations += simplexEvaluations
        return c
    }
}

/// Fixed slots written from concurrent iterations, one slot per iteration index.
final class ResultSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    /// Each index must be written by exactly one iteration.
    func set(_ i: Int, _ value: T) { storage[i] = value }

    var values: [T?] { Array(storage) }
}
