import Foundation
import NyquistDRT

extension DRTTable {
    /// Columns of the peak export (`nyquist export --drt`), one row per (spectrum, peak):
    /// `series, position, file, spectrum, cycle, status, peak` (1-based by increasing τ within the spectrum),
    /// `track` (the peak track of the series it belongs to, ``DRTPeakTracks``), `tau` (s), `frequency` (Hz),
    /// `resistance` (Ω), `resistance_se` (Ω, bootstrap), `tau_lower`, `tau_upper` (s, bootstrap interval),
    /// `r_inf` (Ω), `inductance` (H), `lambda`, `lambda_criterion`, `residual_norm`, `reason`.
    /// A spectrum with no peak, or whose DRT failed (`status` = `failed`, `reason` says why), has one row with the
    /// peak columns empty.
    public static let peakColumns = [
        "series", "position", "file", "spectrum", "cycle", "status", "peak", "track", "tau", "frequency", "resistance",
        "resistance_se", "tau_lower", "tau_upper", "r_inf", "inductance", "lambda", "lambda_criterion",
        "residual_norm", "reason",
    ]

    /// The cells of every export row, in table order.
    func peakCells() -> [[ExportTable.Cell]] {
        var trackOf: [String: [Int: [Int: Int]]] = [:]  // series → index among its ok rows → peak → track
        for name in seriesNames {
            var map: [Int: [Int: Int]] = [:]
            for t in tracks(series: name).tracks {
                for m in t.members { map[m.spectrum, default: [:]][m.peak] = t.number }
            }
            trackOf[name] = map
        }
        var okIndex: [String: Int] = [:]
        var out: [[ExportTable.Cell]] = []
        for r in rows {
            var k: Int?
            if r.status == .ok {
                k = okIndex[r.series, default: 0]
                okIndex[r.series] = (k ?? 0) + 1
            }
            let head: [ExportTable.Cell] = [.text(r.series), .int(r.position), .text(r.file), .int(r.spectrumIndex),
                                            .int(r.cycleLabel), .text(r.status.rawValue)]
            let tail: [ExportTable.Cell] = [.number(r.rInf), .number(r.inductance), .number(r.lambda),
                                            .text(r.lambdaCriterion), .number(r.residualNorm), .text(r.reason)]
            guard !r.peaks.isEmpty else {
                out.append(head + [ExportTable.Cell](repeating: .text(nil), count: 8) + tail)
                continue
            }
            for (p, peak) in r.peaks.enumerated() {
                let track = k.flatMap { trackOf[r.series]?[$0]?[p] }
                out.append(head + [.int(p + 1), .int(track), .number(peak.tau), .number(peak.frequency),
                                   .number(peak.resistance), .number(peak.resistanceStdError),
                                   .number(peak.tauInterval?.lowerBound), .number(peak.tauInterval?.upperBound)] + tail)
            }
        }
        return out
    }

    /// The peak export as text: CSV (header ``peakColumns``) or JSON
    /// `{"drt_set": {"id", "settings_hash", "program_version"}, "columns": […], "rows": [{…}, …]}`.
    public func peakText(_ format: ExportFormat) -> String {
        let cells = peakCells()
        switch format {
        case .csv:
            var out = Self.peakColumns.joined(separator: ",") + "\n"
            for c in cells { out += c.map(\.csv).joined(separator: ",") + "\n" }
            return out
        case .json:
            let s = drtSet
            var out = "{\n  \"drt_set\": {\"id\": \(s.id), \"settings_hash\": \(ExportTable.Cell.text(s.settingsHash).json), "
                + "\"program_version\": \(ExportTable.Cell.text(s.programVersion).json)},\n"
            let keys = Self.peakColumns.map { ExportTable.Cell.text($0).json }
            out += "  \"columns\": [" + keys.joined(separator: ", ") + "],\n  \"rows\": [\n"
            out += cells.map { c in "    {" + zip(keys, c).map { "\($0): \($1.json)" }.joined(separator: ", ") + "}" }
                .joined(separator: ",\n")
            return out + (cells.isEmpty ? "" : "\n") + "  ]\n}\n"
        }
    }

    /// Writes ``peakText(_:)`` to `path` atomically (a temporary file in the same directory, then `rename(2)`).
    public func writePeaks(to path: String, format: ExportFormat) throws(StoreError) {
        try ExportTable.writeAtomically(peakText(format), to: path)
    }
}
