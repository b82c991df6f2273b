import Foundation
import Nyquist

/// The options JSON of `nyq_fit` (every key optional), the CLI's `fit` options by their long names:
/// `{"params": {"R1": 20}, "fix": {"n2": 1, "n3": null}, "bounds": {"R3": [1, 1000]}, "weight": "modulus",
/// "method": "auto", "starts": 200, "refine": 10, "seed": 1, "fmin": 0.1, "fmax": 1e6, "points": [1, 120],
/// "maxIterations": 500, "stopChi2Modulus": 1e-4, "geodesic": false, "cholesky": false, "orderArcs": true,
/// "circuitsDirs": ["my-models"]}`.
/// Frequencies in Hz; `points` is 1-based and inclusive like `--points`.
struct FitOptions: Decodable, Sendable {
    var params: [String: Double]?
    var fix: [String: Double?]?
    var bounds: [String: [FlexibleDouble]]?
    var weight: String?
    var method: String?
    var starts: Int?
    var refine: Int?
    var seed: UInt64?
    var fmin: Double?
    var fmax: Double?
    var points: [Int]?
    var maxIterations: Int?
    var stopChi2Modulus: Double?
    var geodesic: Bool?
    var cholesky: Bool?
    var orderArcs: Bool?
    var circuitsDirs: [String]?

    static let keys: Set<String> = ["params", "fix", "bounds", "weight", "method", "starts", "refine", "seed", "fmin", "fmax",
                                    "points", "maxIterations", "stopChi2Modulus", "geodesic", "cholesky", "orderArcs",
                                    "circuitsDirs"]

    static func decode(_ text: String?) throws -> FitOptions {
        try decodeOptions(text, as: FitOptions.self, known: keys)
    }

    /// The circuit request these options complete.
    func circuit(_ text: String) -> CircuitRequest {
        CircuitRequest(text: text, params: params ?? [:], fix: fix ?? [:], bounds: bounds ?? [:],
                       circuitsDirs: circuitsDirs ?? [])
    }

    /// The fit settings, checked as the CLI checks its options (status 2 on a bad value).
    func settings() throws -> FitSettings {
        var s = FitSettings()
        if let weight {
            guard let w = Weighting(rawValue: weight) else {
                throw CAPIError.usage("weight '\(weight)': expected one of \(Weighting.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            s.weighting = w
        }
        if let method {
            guard let m = FitMethod(rawValue: method) else {
                throw CAPIError.usage("method '\(method)': expected one of \(FitMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            s.method = m
        }
        for (name, v) in [("fmin", fmin), ("fmax", fmax), ("stopChi2Modulus", stopChi2Modulus)] {
            if let v, !(v.isFinite && v > 0) { throw CAPIError.usage("\(name) must be > 0, got \(v)") }
        }
        if let lo = fmin, let hi = fmax, lo >= hi { throw CAPIError.usage("fmin (\(lo) Hz) must be below fmax (\(hi) Hz)") }
        if let starts {
            guard (0...FitSettings.maximumRandomStarts).contains(starts) else {
                throw CAPIError.usage("starts must be in 0…\(FitSettings.maximumRandomStarts), got \(starts)")
            }
            s.randomStarts = starts
        }
        if let refine {
            guard (0...FitSettings.maximumRefinedStarts).contains(refine) else {
                throw CAPIError.usage("refine must be in 0…\(FitSettings.maximumRefinedStarts), got \(refine)")
            }
            s.refinedStarts = refine
        }
        if let maxIterations {
            guard maxIterations > 0 else { throw CAPIError.usage("maxIterations must be > 0, got \(maxIterations)") }
            s.maxIterations = maxIterations
        }
        if let seed { s.seed = seed }
        s.stopAtChiSquareOverModulus = stopChi2Modulus
        if let geodesic { s.geodesicAcceleration = geodesic }
        if let cholesky { s.cholesky = cholesky }
        if let orderArcs { s.orderArcs = orderArcs }
        var range: ClosedRange<Int>?
        if let points {
            guard points.count == 2, points[0] >= 1, points[1] >= points[0] else {
                throw CAPIError.usage("points \(points): expected [first, last] with 1 ≤ first ≤ last")
            }
            range = (points[0] - 1)...(points[1] - 1)
        }
        s.window = FrequencyWindow(minimumFrequency: fmin, maximumFrequency: fmax, points: range)
        return s
    }
}
