import Foundation
import NyquistC
import NyquistTestSupport
import Testing

/// The prepared fit (API version 3): a plan gives the numbers of `nyq_fit_handle` for the same spectrum and options,
/// one plan used from 4 threads at once gives the sequential numbers, `nyq_fit_result_numbers` holds what the single
/// accessors give in the documented order, and NULL or bad arguments give status 2 with a message.
struct FitPlanTests {
    let helper = FitResultHandleTests()
    let options = #"{"fix": {"n2": 0.92}, "seed": 3}"#

    /// Every number of a result through `nyq_fit_result_numbers`.
    func numbers(_ handle: UnsafeMutableRawPointer?) -> [Double] {
        var error: UnsafeMutablePointer<CChar>?
        var count = 0
        #expect(nyqFitResultNumbers(handle, nil, 0, &count, &error) == 2)  // the size query
        _ = helper.take(error)
        var buffer = [Double](repeating: -7, count: count)
        #expect(nyqFitResultNumbers(handle, &buffer, count, &count, &error) == 0)
        return buffer
    }

    /// The numbers without the two wall-clock times (at 5P + K² + 2·10 + 5 and + 6).
    func withoutTimes(_ x: [Double], p: Int, k: Int) -> [Double] {
        let t = 5 * p + k * k + 25
        return Array(x[..<t] + x[(t + 2)...])
    }

    func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 }
    }

    @Test func planFitEqualsTheHandleFitAndTheNumbersFollowTheLayout() throws {
        let s = try helper.sample()
        var error: UnsafeMutablePointer<CChar>?
        var plan: UnsafeMutableRawPointer?
        #expect(nyqFitPlanCreate("assb-cathode", options, &plan, &error) == 0, "\(helper.take(error) ?? "")")
        defer { nyqFitPlanFree(plan) }
        var viaPlan: UnsafeMutableRawPointer?, direct: UnsafeMutableRawPointer?
        #expect(nyqFitPlanFit(plan, s.f, s.re, s.im, s.f.count, &viaPlan, &error) == 0)
        #expect(nyqFitHandle(s.f, s.re, s.im, s.f.count, "assb-cathode", options, &direct, &error) == 0)
        defer { nyqFitResultFree(viaPlan); nyqFitResultFree(direct) }
        let p = nyqFitResultParameterCount(viaPlan), k = nyqFitResultFreeCount(viaPlan)
        let m = nyqFitResultResidualCount(viaPlan)
        #expect(p == 7 && k == 6 && m == 161)  // n2 fixed: 6 free parameters; every point used
        let x = numbers(viaPlan)
        #expect(x.count == 5 * 7 + 6 * 6 + 27 + 3 * 161)
        #expect(same(withoutTimes(x, p: p, k: k), withoutTimes(numbers(direct), p: p, k: k)))

        // The layout, against the single accessors (checked against the JSON in FitResultHandleTests).
        var values = [Double](repeating: 0, count: p), se = values, lo = values, hi = values
        var fixed = [Int32](repeating: -1, count: p)
        #expect(nyqFitResultParameters(viaPlan, &values, &se, &lo, &hi, &fixed, &error) == 0)
        #expect(same(Array(x[0..<(4 * p)]), values + se + lo + hi))
        #expect(Array(x[(4 * p)..<(5 * p)]) == fixed.map(Double.init))
        var rho = [Double](repeating: 0, count: k * k)
        #expect(nyqFitResultCorrelation(viaPlan, &rho, &error) == 0)
        #expect(same(Array(x[(5 * p)..<(5 * p + k * k)]), rho))
        var figures = [Double](repeating: 0, count: 10)
        var present = [Int32](repeating: -1, count: 10)
        #expect(nyqFitResultGoodness(viaPlan, &figures, &present, &error) == 0)
        let g = 5 * p + k * k
        #expect(same(Array(x[g..<(g + 10)]), figures) && Array(x[(g + 10)..<(g + 20)]) == present.map(Double.init))
        var assessment: Int32 = -1, converged: Int32 = -1
        var iterations = -1, fEvals = -1, jEvals = -1
        var seconds = -1.0, librarySeconds = -1.0
        #expect(nyqFitResultConvergence(viaPlan, &assessment, &converged, &iterations, &fEvals, &jEvals, &seconds,
                                        &librarySeconds, &error) == 0)
        #expect(Array(x[(g + 20)..<(g + 27)]) == [Double(assessment), Double(converged), Double(iterations),
                                                   Double(fEvals), Double(jEvals), seconds, librarySeconds])
        #expect(librarySeconds > seconds && seconds > 0)
        var rf = [Double](repeating: 0, count: m), rr = rf, ri = rf
        #expect(nyqFitResultResiduals(viaPlan, &rf, &rr, &ri, &error) == 0)
        #expect(same(Array(x[(g + 27)...]), rf + rr + ri))
    }

    @Test func onePlanFromFourThreadsGivesTheSequentialNumbers() throws {
        let s = try helper.sample()
        var error: UnsafeMutablePointer<CChar>?
        var created: UnsafeMutableRawPointer?
        #expect(nyqFitPlanCreate("assb-cathode", #"{"method": "lm"}"#, &created, &error) == 0)
        defer { nyqFitPlanFree(created) }
        let plan = UInt(bitPattern: created)
        // Spectra that differ: the sample scaled by 1, 1.5, 2, 2.5 (a fit of each gives other resistances).
        let scales: [Double] = [1, 1.5, 2, 2.5]
        let re: [[Double]] = scales.map { c in s.re.map { $0 * c } }
        let im: [[Double]] = scales.map { c in s.im.map { $0 * c } }
        let f = s.f
        @Sendable func fit(_ j: Int) -> [Double] {
            var handle: UnsafeMutableRawPointer?
            var error: UnsafeMutablePointer<CChar>?
            let status = nyqFitPlanFit(UnsafeRawPointer(bitPattern: plan), f, re[j], im[j], f.count, &handle, &error)
            defer { nyqFitResultFree(handle) }
            guard status <= 1 else { return [] }
            return withoutTimes(numbers(handle), p: 7, k: 7)
        }
        let sequential = (0..<4).map(fit)
        #expect(sequential.allSatisfy { $0.count == 5 * 7 + 49 + 25 + 3 * 161 })
        #expect(sequential[1][4] != sequential[0][4])  // R3 differs between the spectra
        let results = LockedResults()
        DispatchQueue.concurrentPerform(iterations: 12) { i in results.set(i, fit(i % 4)) }
        for i in 0..<12 { #expect(same(results.get(i), sequential[i % 4]), "fit \(i)") }
    }

    @Test func nullAndBadArgumentsGiveStatusTwo() throws {
        var error: UnsafeMutablePointer<CChar>?
        var plan: UnsafeMutableRawPointer?
        #expect(nyqFitPlanCreate(nil, nil, &plan, &error) == 2 && plan == nil)
        #expect(helper.take(error) == "circuit is NULL")
        #expect(nyqFitPlanCreate("R1-p(R2,", nil, &plan, &error) == 2 && plan == nil)
        #expect(helper.take(error)?.contains("circuit") == true)
        #expect(nyqFitPlanCreate("R1", #"{"wieght": "unit"}"#, &plan, &error) == 2 && plan == nil)
        #expect(helper.take(error)?.contains("wieght") == true)
        #expect(nyqFitPlanCreate("R1", nil, nil, &error) == 2)
        #expect(helper.take(error) == "out is NULL")
        nyqFitPlanFree(nil)

        let f = [1e3, 1e2, 10, 1, 0.1], re = [1.0, 1, 1, 1, 1], im = [0.0, 0, 0, 0, 0]
        var result: UnsafeMutableRawPointer?
        #expect(nyqFitPlanFit(nil, f, re, im, 5, &result, &error) == 2 && result == nil)
        #expect(helper.take(error) == "fit plan is NULL")
        #expect(nyqFitPlanCreate("R1-p(R2,C2)", #"{"points": [1, 6]}"#, &plan, &error) == 0)
        defer { nyqFitPlanFree(plan) }
        #expect(nyqFitPlanFit(plan, nil, re, im, 5, &result, &error) == 2 && result == nil)
        #expect(helper.take(error) == "frequency is NULL")
        #expect(nyqFitPlanFit(plan, f, re, im, 5, nil, &error) == 2)
        #expect(helper.take(error) == "out is NULL")
        #expect(nyqFitPlanFit(plan, f, re, im, 5, &result, &error) == 2 && result == nil)  // points 1…6 of 5
        #expect(helper.take(error)?.contains("the spectrum has 5 points") == true)

        var count = -1
        var buffer = [Double](repeating: -7, count: 4)
        #expect(nyqFitResultNumbers(nil, &buffer, 4, &count, &error) == 2 && count == 0)
        #expect(helper.take(error)?.contains("NULL") == true)
        let s = try helper.sample()
        #expect(nyqFitHandle(s.f, s.re, s.im, s.f.count, "R1-p(R2,CPE2)", nil, &result, &error) <= 1)
        defer { nyqFitResultFree(result) }
        #expect(nyqFitResultNumbers(result, &buffer, 4, &count, &error) == 2)
        #expect(count == 5 * 4 + 4 * 4 + 27 + 3 * 161 && buffer == [-7, -7, -7, -7])  // P = K = 4, m 161; nothing written
        #expect(helper.take(error)?.contains("needs \(count)") == true)
    }
}

/// Results written by concurrent fits, read after they all returned.
final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: [Double]] = [:]

    func set(_ i: Int, _ v: [Double]) { lock.withLock { values[i] = v } }
    func get(_ i: Int) -> [Double] { lock.withLock { values[i] ?? [] } }
}
