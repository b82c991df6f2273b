import Foundation
import Nyquist

extension TrackingAnalysis {
    /// `run` with progress over every bootstrap replicate on stderr and the series' notes written there, one line
    /// each.
    func runReportingProgress(mode: ProgressMode) throws -> TrackingResult {
        let progress = ProgressReporter.start(total: bootstrapReplicates, unit: "bootstrap replicates", mode: mode)
        let result = try run(progress: { done, _ in progress.update(done: done) })
        progress.finish()
        for n in result.notes { FileHandle.standardError.write(Data("nyquist: note: \(n)\n".utf8)) }
        return result
    }
}
