import Foundation
import NyquistC
import NyquistTestSupport
import Testing

/// The fit-result handle (API version 2): every accessor copies the numbers the handle's own JSON text
/// (`nyq_fit_result_json`, the CLI's `fit --format json`) holds, and NULL arguments give status 2, not a crash.
struct FitResultHandleTests {
    func take(_ p: UnsafeMutablePointer<CChar>?) -> String? {
        defer { nyqFreeString(p) }
        return p.map { String(cString: $0) }
    }

    /// The shipped sample (161 points).
    func sample() throws -> (f: [Double], re: [Double], im: [Double]) {
        var handle: UnsafeMutableRawPointer?
        var error: UnsafeMutablePointer<CChar>?
        let path = RepositoryPaths.root.appendingPathComponent("samples/assb-cathode-synthetic.csv").path
        #expect(nyqRead(path, &handle, &error) == 0)
        defer { nyqSpectraFree(handle) }
        let n = nyqSpectrumLength(handle, 0)
        var f = [Double](repeating: 0, count: n), re = f, im = f
        #expect(nyqSpectrumCopy(handle, 0, &f, &re, &im, &error) == 0)
        return (f, re, im)
    }

    /// A JSON number of the output schema ("inf"/"-inf"/"nan" strings included); NaN when absent or null.
    func number(_ v: Any?) -> Double {
        if let d = v as? Double { return d }
        if let s = v as? String { return Double(s) ?? .nan }
        return .nan
    }

    /// Equal, both NaN, or within 1e-14 relative: Foundation's JSONSerialization on Linux does not parse numbers
    /// correctly rounded (seen: 2.3143332076915806e-05 for the text 2.3143332076915816e-05, a few ulp);
    /// python/tests/test_fit_arrays.py compares exactly, with Python's correctly rounded parser.
    func same(_ a: Double, _ b: Double) -> Bool { (a.isNaN && b.isNaN) || a == b || abs(a - b) <= 1e-14 * abs(b) }

    /// Fits with a fixed parameter (its SE is absent) and a parameter pushed onto a bound (SE absent, correlation
    /// row null), then compares each accessor with the JSON text of the same handle.
    @Test(arguments: [#"{"fix": {"n2": 0.92}, "seed": 3}"#, #"{"bounds": {"R1": [25, 100]}, "method": "lm"}"#])
    func accessorsEqualTheJSONOfTheSameHandle(options: String) throws {
        let s = try sample()
        var handle: UnsafeMutableRawPointer?
        var error: UnsafeMutablePointer<CChar>?
        let status = nyqFitHandle(s.f, s.re, s.im, s.f.count, "assb-cathode", options, &handle, &error)
        #expect(status == 0 || status == 1, "\(take(error) ?? "")")
        defer { nyqFitResultFree(handle) }
        var text: UnsafeMutablePointer<CChar>?
        #expect(nyqFitResultJSON(handle, &text, &error) == 0)
        let json = try #require(take(text))
        let d = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let parameters = try #require(d["parameters"] as? [[String: Any]])

        let p = nyqFitResultParameterCount(handle)
        #expect(p == parameters.count && p == 7)
        var values = [Double](repeating: 0, count: p), se = values, lo = values, hi = values
        var fixed = [Int32](repeating: -1, count: p)
        #expect(nyqFitResultParameters(handle, &values, &se, &lo, &hi, &fixed, &error) == 0)
        for (k, q) in parameters.enumerated() {
            #expect(same(values[k], number(q["value"])))
            #expect(same(se[k], number(q["standardError"])), "\(q["name"] ?? "")")
            #expect(same(lo[k], number(q["lower95"])) && same(hi[k], number(q["upper95"])))
            #expect(fixed[k] == ((q["fixed"] as? Bool) == true ? 1 : 0))
        }
        #expect(se.contains { $0.isNaN })  // the fixed or bound parameter

        let names = try #require(d["correlationNames"] as? [String])
        let k = nyqFitResultFreeCount(handle)
        #expect(k == names.count)
        var rho = [Double](repeating: 0, count: k * k)
        #expect(nyqFitResultCorrelation(handle, &rho, &error) == 0)
        let expected = (d["correlation"] as? [Any]).map { $0.map { self.number($0) } } ?? [Double](repeating: .nan, count: k * k)
        #expect(zip(rho, expected).allSatisfy { same($0.0, $0.1) })

        let g = try #require(d["goodness"] as? [String: Any])
        let keys = ["chiSquare", "reducedChiSquare", "chiSquareOverModulus", "pseudoChiSquare", "aic", "bic",
                    "residualCount", "degreesOfFreedom", "noiseLevel", "noiseRatio"]
        var figures = [Double](repeating: 0, count: keys.count)
        var present = [Int32](repeating: -1, count: keys.count)
        #expect(nyqFitResultGoodness(handle, &figures, &present, &error) == 0)
        for (j, key) in keys.enumerated() {
            #expect(present[j] == (g[key] == nil ? 0 : 1), "\(key)")
            #expect(same(figures[j], number(g[key])), "\(key)")
        }

        let c = try #require(d["convergence"] as? [String: Any])
        var assessment: Int32 = -1, converged: Int32 = -1
        var iterations = -1, fEvals = -1, jEvals = -1
        var seconds = -1.0, librarySeconds = -1.0
        #expect(nyqFitResultConvergence(handle, &assessment, &converged, &iterations, &fEvals, &jEvals, &seconds,
                                        &librarySeconds, &error) == 0)
        #expect(assessment == Int32(["converged", "not-converged", "above-noise"].firstIndex(of: c["assessment"] as? String ?? "") ?? -1))
        #expect(status == (assessment == 0 ? 0 : 1))
        #expect(converged == ((c["converged"] as? Bool) == true ? 1 : 0))
        #expect(iterations == c["iterations"] as? Int && fEvals == c["functionEvaluations"] as? Int
            && jEvals == c["jacobianEvaluations"] as? Int)
        #expect(same(seconds, number(c["seconds"])) && seconds > 0)
        #expect(librarySeconds > seconds)  // the library call contains the optimisation and builds the result after it

        let residuals = try #require(d["residuals"] as? [[String: Any]])
        let m = nyqFitResultResidualCount(handle)
        #expect(m == residuals.count && m == 161)
        var rf = [Double](repeating: 0, count: m), rr = rf, ri = rf
        #expect(nyqFitResultResiduals(handle, &rf, &rr, &ri, &error) == 0)
        for (i, r) in residuals.enumerated() {
            #expect(same(rf[i], number(r["frequency"])) && same(rr[i], number(r["real"])) && same(ri[i], number(r["imaginary"])))
        }
        #expect(rf == s.f)  // every point is used

        var labelText: UnsafeMutablePointer<CChar>?
        #expect(nyqFitResultLabels(handle, &labelText, &error) == 0)
        let labelJSON = try #require(take(labelText))
        let labels = try #require(try JSONSerialization.jsonObject(with: Data(labelJSON.utf8)) as? [String: Any])
        #expect(labels["circuit"] as? String == d["circuit"] as? String)
        #expect(labels["names"] as? [String] == parameters.map { $0["name"] as? String ?? "" })
        #expect(labels["units"] as? [String] == parameters.map { $0["unit"] as? String ?? "" })
        #expect(labels["correlationNames"] as? [String] == names)
        #expect(labels["method"] as? String == c["method"] as? String)
        #expect(labels["reason"] as? String == c["reason"] as? String)
        let warnings = try #require(d["warnings"] as? [[String: Any]])
        let labelWarnings = try #require(labels["warnings"] as? [[String: Any]])
        #expect(labelWarnings.map { $0["message"] as? String } == warnings.map { $0["message"] as? String })
        #expect(labelWarnings.map { $0["code"] as? String } == warnings.map { $0["code"] as? String })
        #expect(labelWarnings.map { $0["parameters"] as? [String] } == warnings.map { $0["parameters"] as? [String] })
    }

    /// `nyq_fit_result_json` is the text of `nyq_fit` for the same fit, byte for byte but for the wall-clock line.
    @Test func handleJSONIsTheTextOfNyqFit() throws {
        let s = try sample()
        var error: UnsafeMutablePointer<CChar>?
        var out: UnsafeMutablePointer<CChar>?
        #expect(nyqFit(s.f, s.re, s.im, s.f.count, "assb-cathode", nil, &out, &error) == 0)
        let direct = try #require(take(out))
        var handle: UnsafeMutableRawPointer?
        #expect(nyqFitHandle(s.f, s.re, s.im, s.f.count, "assb-cathode", nil, &handle, &error) == 0)
        defer { nyqFitResultFree(handle) }
        #expect(nyqFitResultJSON(handle, &out, &error) == 0)
        let viaHandle = try #require(take(out))
        func withoutTime(_ t: String) -> [Substring] { t.split(separator: "\n").filter { !$0.contains("\"seconds\"") } }
        #expect(withoutTime(direct) == withoutTime(viaHandle))
        #expect(withoutTime(direct).count == direct.split(separator: "\n").count - 1)
    }

    /// A fit stopped by the iteration limit: status 1 with a handle whose assessment says not converged.
    @Test func notConvergedIsStatusOneWithAHandle() throws {
        let s = try sample()
        var handle: UnsafeMutableRawPointer?
        var error: UnsafeMutablePointer<CChar>?
        #expect(nyqFitHandle(s.f, s.re, s.im, s.f.count, "assb-cathode", #"{"method": "lm", "maxIterations": 1}"#,
                             &handle, &error) == 1)
        defer { nyqFitResultFree(handle) }
        #expect(handle != nil && error == nil)
        var assessment: Int32 = -1, converged: Int32 = -1
        #expect(nyqFitResultConvergence(handle, &assessment, &converged, nil, nil, nil, nil, nil, &error) == 0)
        #expect(assessment == 1 && converged == 0)
    }

    /// NULL handles and arguments: status 2 and a message, sizes 0, free ignores NULL; a failed fit sets no handle.
    @Test func nullArgumentsAndFailuresGiveTheDocumentedStatus() {
        var error: UnsafeMutablePointer<CChar>?
        var out: UnsafeMutablePointer<CChar>?
        var x = [Double](repeating: 0, count: 8)
        var flags = [Int32](repeating: 0, count: 10)
        #expect(nyqFitResultParameters(nil, &x, nil, nil, nil, &flags, &error) == 2)
        #expect(take(error)?.contains("NULL") == true)
        #expect(nyqFitResultCorrelation(nil, &x, &error) == 2)
        _ = take(error)
        #expect(nyqFitResultGoodness(nil, &x, &flags, &error) == 2)
        _ = take(error)
        #expect(nyqFitResultConvergence(nil, nil, nil, nil, nil, nil, nil, nil, &error) == 2)
        _ = take(error)
        #expect(nyqFitResultResiduals(nil, nil, nil, nil, &error) == 2)
        _ = take(error)
        #expect(nyqFitResultLabels(nil, &out, &error) == 2 && out == nil)
        _ = take(error)
        #expect(nyqFitResultJSON(nil, &out, &error) == 2 && out == nil)
        #expect(take(error)?.contains("NULL") == true)
        #expect(nyqFitResultParameterCount(nil) == 0 && nyqFitResultFreeCount(nil) == 0 && nyqFitResultResidualCount(nil) == 0)
        nyqFitResultFree(nil)

        let f = [1e3, 1e2, 10, 1, 0.1], re = [1.0, 1, 1, 1, 1], im = [0.0, 0, 0, 0, 0]
        var handle: UnsafeMutableRawPointer?
        #expect(nyqFitHandle(f, re, im, 5, "R1-p(R2,", nil, &handle, &error) == 2)
        #expect(take(error)?.contains("circuit") == true && handle == nil)
        #expect(nyqFitHandle(f, re, im, 5, "R1", nil, nil, &error) == 2)
        #expect(take(error)?.contains("out is NULL") == true)
        #expect(nyqFitHandle(nil, re, im, 5, "R1", nil, &handle, &error) == 2)
        #expect(take(error)?.contains("frequency is NULL") == true && handle == nil)
    }
}
