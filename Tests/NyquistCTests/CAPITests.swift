import Foundation
import NyquistC
import NyquistTestSupport
import Testing

/// The C API called from Swift as C would call it: pointers, lengths, status codes, strings freed by nyq_free_string.
struct CAPITests {
    /// Takes a returned C string, frees it.
    func take(_ p: UnsafeMutablePointer<CChar>?) -> String? {
        defer { nyqFreeString(p) }
        return p.map { String(cString: $0) }
    }

    /// R1 + R2/(1 + jωR2C2) by hand, against `nyq_simulate`.
    @Test func simulateMatchesTheClosedForm() throws {
        let f = [1e5, 1e3, 10, 0.1]
        var re = [Double](repeating: .nan, count: 4), im = re
        var error: UnsafeMutablePointer<CChar>?
        let status = nyqSimulate("R1-p(R2,C2)", #"{"params": {"R1": 10, "R2": 100, "C2": 1e-5}}"#, f, 4, &re, &im, &error)
        #expect(status == 0, "\(take(error) ?? "")")
        for k in 0..<4 {
            let wt = 2 * Double.pi * f[k] * 100 * 1e-5  // ωR2C2
            #expect(abs(re[k] - (10 + 100 / (1 + wt * wt))) < 1e-12 * 110)
            #expect(abs(im[k] - (-100 * wt / (1 + wt * wt))) < 1e-12 * 110)
        }
    }

    /// Status codes are the CLI's exit-code families, with a message naming the cause.
    @Test func errorsCarryTheExitCodeFamilyAndAMessage() {
        var error: UnsafeMutablePointer<CChar>?
        var out: UnsafeMutablePointer<CChar>?
        let f = [1e3, 1e2, 10, 1, 0.1], re = [1.0, 1, 1, 1, 1], im = [0.0, 0, 0, 0, 0]
        #expect(nyqFit(f, re, im, 5, "R1-p(R2,", nil, &out, &error) == 2)
        #expect(take(error)?.contains("circuit") == true)
        #expect(out == nil)
        #expect(nyqFit(f, re, im, 5, "R1", #"{"wieght": "unit"}"#, &out, &error) == 2)
        #expect(take(error)?.contains("wieght") == true)
        var handle: UnsafeMutableRawPointer?
        #expect(nyqRead("/nonexistent/file.mpt", &handle, &error) == 3)
        #expect(take(error)?.contains("/nonexistent/file.mpt") == true)
        #expect(handle == nil)
        #expect(nyqExport("/nonexistent/store.sqlite", nil, &out, &error) == 3)
        _ = take(error)
    }

    /// The shipped sample read and fitted through the C API: the truth it was simulated from (README) lies inside
    /// every 95 % interval.
    @Test func readAndFitTheSample() throws {
        var handle: UnsafeMutableRawPointer?
        var error: UnsafeMutablePointer<CChar>?
        let path = RepositoryPaths.root.appendingPathComponent("samples/assb-cathode-synthetic.csv").path
        #expect(nyqRead(path, &handle, &error) == 0)
        defer { nyqSpectraFree(handle) }
        #expect(nyqSpectraCount(handle) == 1)
        let n = nyqSpectrumLength(handle, 0)
        #expect(n == 161)
        var f = [Double](repeating: 0, count: n), re = f, im = f
        #expect(nyqSpectrumCopy(handle, 0, &f, &re, &im, &error) == 0)
        var out: UnsafeMutablePointer<CChar>?
        #expect(nyqFit(f, re, im, n, "assb-cathode", nil, &out, &error) == 0)
        let json = try #require(take(out))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let parameters = try #require(object["parameters"] as? [[String: Any]])
        let truth = ["R1": 21.3, "R2": 34.8, "Q2": 4.2e-8, "n2": 0.92, "R3": 212, "Q3": 2.3e-5, "n3": 0.78]
        for p in parameters {
            let name = try #require(p["name"] as? String)
            let lo = try #require(p["lower95"] as? Double), hi = try #require(p["upper95"] as? Double)
            #expect(lo <= truth[name]! && truth[name]! <= hi, "\(name) [\(lo), \(hi)]")
        }
    }
}
