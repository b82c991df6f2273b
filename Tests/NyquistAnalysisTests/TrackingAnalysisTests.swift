import Foundation
import NyquistAnalysis
import NyquistReport
import NyquistTracking
import Testing

/// `TrackingAnalysis` does what `nyquist track` does, as a library call; `GrowthBands` gives the report's overlays.
@Suite struct TrackingAnalysisTests {
    /// R3 = 50 + 10·√n Ω exactly (G2), n = 0…11, with a 0.5 Ω standard error column.
    static func csv() throws -> URL {
        var text = "cycle,R3,R3_err\n"
        for n in 0..<12 { text += "\(n),\(50 + 10 * Double(n).squareRoot()),0.5\n" }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-track-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func squareRootSeriesRanksG2FirstWithItsGeneratingParameters() throws {
        let url = try Self.csv()
        defer { try? FileManager.default.removeItem(at: url) }
        var analysis = TrackingAnalysis(series: url.path)
        analysis.laws = [.linear, .squareRoot, .exponential]
        analysis.options.bootstrapSamples = 0
        #expect(analysis.bootstrapReplicates == 0)
        let result = try analysis.run()
        #expect(result.points.count == 12 && result.clockUnit == "cycle" && result.notes.isEmpty)
        #expect(result.points[4].clock == 4 && result.points[4].value == 70)
        #expect(result.comparison.best == .squareRoot)
        let fit = try #require(result.comparison.entries.first { $0.law == .squareRoot }?.fit)
        // Hand reference: the law the series was generated from, R0 = 50 Ω, k = 10 Ω per √cycle.
        #expect(abs(fit.values[0] - 50) <= 1e-6 * 50 && abs(fit.values[1] - 10) <= 1e-6 * 10, "\(fit.values)")
        #expect(result.decomposition == nil && result.mechanisms == nil && result.fewPoints == nil)
    }

    @Test func progressCountsEveryBootstrapReplicate() throws {
        let url = try Self.csv()
        defer { try? FileManager.default.removeItem(at: url) }
        var analysis = TrackingAnalysis(series: url.path)
        analysis.laws = [.linear, .squareRoot]
        analysis.options.bootstrapSamples = 20
        #expect(analysis.bootstrapReplicates == 40)
        let last = LastValue()
        _ = try analysis.run(progress: { done, total in last.set(done, total) })
        #expect(last.get() == (40, 40))
    }

    @Test func settingErrorsAreTyped() throws {
        #expect(throws: AnalysisError.invalidSetting(setting: "--laws", reason: "unknown law 'G99'")) {
            _ = try TrackingAnalysis.laws(parsing: "G1,G99")
        }
        #expect(try TrackingAnalysis.laws(parsing: "G1, G2") == [.linear, .squareRoot])
        #expect(throws: AnalysisError.self) { _ = try TrackingAnalysis.clock(parsing: "fortnight") }
        #expect(try TrackingAnalysis.clock(parsing: "time-above:4.1") == .timeAbove(volts: 4.1))
        var analysis = TrackingAnalysis(series: "/nonexistent.csv")
        analysis.options.relativeErrorFloor = -1
        #expect(throws: AnalysisError.invalidSetting(setting: "--floor", reason: "must be ≥ 0")) { _ = try analysis.run() }
    }
}

/// The last (done, total) a progress closure saw.
final class LastValue: @unchecked Sendable {
    private let lock = NSLock()
    private var value = (0, 0)
    func set(_ a: Int, _ b: Int) { lock.lock(); value = (max(value.0, a), b); lock.unlock() }
    func get() -> (Int, Int) { lock.lock(); defer { lock.unlock() }; return value }
}
