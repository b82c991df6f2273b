import Foundation
import NyquistDRT
import NyquistIO

extension BatchRunner {
    /// The run's DRT plan, nil without ``BatchSettings/drt``. `refit` recomputes every DRT.
    func drtPlan() throws(StoreError) -> DRTPlan? {
        guard let settings = settings.drt else { return nil }
        let id = try store.drtSet(for: settings)
        return DRTPlan(settings: settings, drtSet: id, existing: refit ? [:] : try store.existingDRTs(drtSet: id))
    }

    /// The DRT step of one spectrum: nil when there is no plan or its DRT is stored (and not a failure to retry);
    /// otherwise the record to store — computed from `spectrum`, or failed with `failure` when that is given (the
    /// spectrum could not be read, or runs died on it). Never throws: a DRT error is a failed record.
    func drtRecord(_ plan: DRTPlan?, spectrum: Spectrum, id: Int64, series: String, position: Int,
                   failure: String?, createdAt: String) -> DRTRecord? {
        guard let plan else { return nil }
        if let stored = plan.existing[id], !(retryFailed && stored == .failed) { return nil }
        var record = DRTRecord(drtSet: plan.drtSet, spectrumID: id, series: series, position: position, result: nil,
                               error: failure, seconds: 0, createdAt: createdAt)
        guard failure == nil else { return record }
        let clock = ContinuousClock(), began = clock.now
        do { record.result = try DRT.analyze(spectrum, settings: plan.settings) } catch {
            record.error = String(describing: error)
        }
        let d = clock.now - began
        record.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return record
    }

    /// The outcome of a spectrum's DRT step (`record` nil: skipped with its stored status).
    static func drtOutcome(_ plan: DRTPlan?, id: Int64, record: DRTRecord?) -> DRTOutcome? {
        guard let plan else { return nil }
        guard let record else { return .skipped(plan.existing[id] ?? .ok) }
        if let r = record.result { return .computed(r) }
        return .failed(reason: record.error ?? "unknown error")
    }
}
