import NyquistFit
import NyquistIO

/// The Kramers–Kronig outcome stored beside a fit.
public enum KramersKronigStatus: String, Sendable, Codable, Hashable, CaseIterable {
    /// Every lin-KK test passed (noise, outliers, systematic residuals).
    case pass
    /// At least one test failed: the spectrum is still fitted, but flagged.
    case fail
    /// The test could not be run (too few points, a point it cannot use); the reason is kept. Not a failure.
    case notTested = "not-tested"
}

/// The part of a ``KramersKronigResult`` the store keeps with every fit (store schema v2, `fit.kk_*`).
public struct KramersKronigVerdict: Sendable, Codable, Hashable {
    public var status: KramersKronigStatus
    /// The noise estimate √(χ²ₚₛ/(2N)) in percent of |Z| (nil when not tested).
    public var noisePercent: Double?
    /// The largest |relative residual| (real or imaginary part) in percent of |Z| (nil when not tested).
    public var maximumResidualPercent: Double?
    /// M, the number of RC elements of the lin-KK model (nil when not tested).
    public var elementCount: Int?
    /// Why it failed (the failures' descriptions joined by "; "), or why it was not tested; empty on a pass.
    public var reasons: String

    public init(status: KramersKronigStatus, noisePercent: Double? = nil, maximumResidualPercent: Double? = nil,
                elementCount: Int? = nil, reasons: String = "") {
        self.status = status
        self.noisePercent = noisePercent
        self.maximumResidualPercent = maximumResidualPercent
        self.elementCount = elementCount
        self.reasons = reasons
    }

    /// The verdict of a finished test.
    public init(_ r: KramersKronigResult) {
        self.init(status: r.passed ? .pass : .fail, noisePercent: 100 * r.noiseEstimate,
                  maximumResidualPercent: 100 * r.maximumResidual, elementCount: r.elementCount,
                  reasons: r.failures.map(\.description).joined(separator: "; "))
    }

    /// Runs lin-KK (``KramersKronig/test(_:settings:)``) on the points of `spectrum` inside `window` — the points
    /// the fit uses. A test that cannot run (``KramersKronigError``, e.g. too few points) gives ``KramersKronigStatus/notTested``.
    public static func test(_ spectrum: Spectrum, window: FrequencyWindow, settings: KramersKronigSettings) -> Self {
        var keep = Array(spectrum.frequencies.indices)
        if let r = window.points { keep = keep.filter { r.contains($0) } }
        if let lo = window.minimumFrequency { keep = keep.filter { spectrum.frequencies[$0] >= lo } }
        if let hi = window.maximumFrequency { keep = keep.filter { spectrum.frequencies[$0] <= hi } }
        var s = spectrum
        if keep.count != spectrum.count, spectrum.impedances.count == spectrum.count {
            s = Spectrum(frequencies: keep.map { spectrum.frequencies[$0] }, impedances: keep.map { spectrum.impedances[$0] },
                         metadata: spectrum.metadata)
        }
        do { return Self(try KramersKronig.test(s, settings: settings)) } catch {
            return Self(status: .notTested, reasons: error.description)
        }
    }

    /// The warning added to a fit whose spectrum failed the test.
    var warning: FitWarning? {
        status == .fail ? FitWarning(.kramersKronigFailed, "Kramers–Kronig test failed: \(reasons)") : nil
    }
}
