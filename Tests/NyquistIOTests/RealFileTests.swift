import Foundation
import Testing
@testable import NyquistIO

/// Every file of ../shared/eis-data against MANIFEST.md and the independent reference readers
/// (galvani, pyimpspec, impedance.py, pandas/numpy; see Fixtures/make_fixtures.py).
@Suite("Real instrument files", .enabled(if: SharedData.available, SharedData.skipMessage))
struct RealFileTests {
    /// Formats the issue does not ask for (spreadsheets, Ivium, Eco Chemie .dfr, pandas JSON): a typed error, never a trap.
    static let unsupported: Set<String> = [
        "pyimpspec/data.fods", "pyimpspec/data.ods", "pyimpspec/data.xlsx", "pyimpspec/data.idf", "pyimpspec/data.ids",
        "pyimpspec/data.dfr", "pyimpspec/data.json",
    ]
    /// Files that must be rejected, with the error they must give.
    static let negative: [String: @Sendable (ReaderError) -> Bool] = [
        "impedance.py/exampleDataBioLogic_MissingFreq.mpt": { if case .missingColumn = $0 { true } else { false } },
        "galvani/col_27_issue_74.mpr": { if case .noImpedanceData = $0 { true } else { false } },
    ]

    @Test("Counts match MANIFEST.md and first/last points match the reference reader", arguments: SharedData.files)
    func file(_ relative: String) throws {
        let path = SharedData.path(relative)
        if Self.unsupported.contains(relative) {
            #expect(throws: ReaderError.self) { try SpectrumFile.read(path: path) }
            return
        }
        if let check = Self.negative[relative] {
            do {
                _ = try SpectrumFile.read(path: path)
                Issue.record("\(relative) was accepted")
            } catch {
                #expect(check(error), "\(error)")
                #expect(error.description.hasPrefix(path), "error names the file: \(error)")
            }
            return
        }
        let spectra = try SpectrumFile.read(path: path)
        if let m = SharedData.manifest[relative], let n = m.spectra {
            #expect(spectra.count == n, "\(relative): \(spectra.count) spectra, MANIFEST says \(n)")
            if !m.points.isEmpty {
                for s in spectra where !s.metadata.isFragment {
                    #expect(m.points.contains(s.count), "\(relative) #\(s.metadata.index): \(s.count) points, MANIFEST \(m.points)")
                }
            }
        }
        for s in spectra {
            #expect(s.frequencies.count == s.impedances.count)
            #expect(s.metadata.sourceFile == path)
            #expect(s.frequencies.allSatisfy { $0 > 0 && $0.isFinite })
        }
        guard let ref = SharedData.references[relative], ref.reference != nil else { return }
        let summary = ref.summary ?? []
        #expect(spectra.count == ref.spectra, "\(relative): \(spectra.count) spectra, \(ref.reference!) gives \(ref.spectra ?? -1)")
        for (k, s) in spectra.enumerated() {
            let first = [s.frequencies[0], s.impedances[0].real, s.impedances[0].imaginary]
            let last = [s.frequencies[s.count - 1], s.impedances[s.count - 1].real, s.impedances[s.count - 1].imaginary]
            // Some references re-sort a sweep (pyimpspec returns descending frequency): accept either end order.
            func matches(_ r: SharedData.Reference.Summary) -> Bool {
                guard r.points == s.count else { return false }
                let same = zip(first, r.first).allSatisfy { close($0, $1) } && zip(last, r.last).allSatisfy { close($0, $1) }
                let swapped = zip(first, r.last).allSatisfy { close($0, $1) } && zip(last, r.first).allSatisfy { close($0, $1) }
                return same || swapped
            }
            // Same position, or (pyimpspec lists Gamry drift-corrected data first) any reference spectrum.
            let ok = (k < summary.count && matches(summary[k])) || summary.contains(where: matches)
            #expect(ok, "\(relative) #\(k): \(s.count) pts, first \(first) last \(last) vs \(ref.reference!) \(k < summary.count ? "\(summary[k])" : "-")")
        }
    }

    /// Binary twins: the .mpr (float32) and the .mpt export (7–8 significant digits) hold the same sweeps. This is the
    /// independent check for the .mpr files galvani 0.5.0 cannot open and the .mpt files pyimpspec cannot.
    @Test("EC-Lab .mpr and .mpt twins agree", arguments: [
        ("yadg/geis.mpr", "yadg/geis.mpt"), ("yadg/mb.mpr", "yadg/mb.mpt"), ("yadg/mb.mpr", "yadg/mb.old.mpt"),
        ("yadg/mb.issue_223.mpr", "yadg/mb.issue_223.mpt"), ("yadg/peis.issue_225.ewe_ece.mpr", "yadg/peis.issue_225.ewe_ece.mpt"),
        ("yadg/peis.issue_225.with_ece.mpr", "yadg/peis.issue_225.with_ece.mpt"), ("yadg/zir.mpr", "yadg/zir.mpt"),
        ("yadg/geis.issue_149.mpr", "yadg/geis.issue_149.mpt"), ("hybrid-drt/PEIS_LPSCl_IonBlocking_-25C.mpr", "hybrid-drt/PEIS_LPSCl_IonBlocking_-25C.txt"),
    ])
    func twins(_ mpr: String, _ mpt: String) throws {
        let a = try SpectrumFile.read(path: SharedData.path(mpr))
        let b = try SpectrumFile.read(path: SharedData.path(mpt))
        try #require(a.count == b.count)
        for (x, y) in zip(a, b) {
            try #require(x.count == y.count)
            for i in 0..<x.count {
                #expect(close(x.frequencies[i], y.frequencies[i], rel: 2e-6))
                let scale = max(x.impedances[i].length, 1e-12)
                #expect(abs(x.impedances[i].real - y.impedances[i].real) <= 2e-5 * scale, "\(mpr) #\(i)")
                #expect(abs(x.impedances[i].imaginary - y.impedances[i].imaginary) <= 2e-5 * scale, "\(mpr) #\(i)")
            }
        }
    }

    @Test("RelaxIS export holds the same spectrum as its .mpr source, in ascending order")
    func relaxis() throws {
        let r = try SpectrumFile.read(path: SharedData.path("hybrid-drt/PEIS_LPSCl_IonBlocking_-25C_RelaxIS.txt"))
        let m = try SpectrumFile.read(path: SharedData.path("hybrid-drt/PEIS_LPSCl_IonBlocking_-25C.mpr"))
        try #require(r.count == 1 && m.count == 1 && r[0].count == m[0].count)
        let n = r[0].count
        for i in 0..<n {
            let j = n - 1 - i
            #expect(close(r[0].frequencies[i], m[0].frequencies[j], rel: 1e-6))
            #expect(close(r[0].impedances[i].real, m[0].impedances[j].real, rel: 1e-5))
            #expect(close(r[0].impedances[i].imaginary, m[0].impedances[j].imaginary, rel: 1e-5))
        }
    }

    @Test("Labels, fragments and metadata of multi-spectrum files")
    func labels() throws {
        let mb = try SpectrumFile.read(path: SharedData.path("yadg/mb.mpt"))
        #expect(mb.map { $0.metadata.cycleLabel } == Array(0...7).map { Optional($0) })  // z cycle 0..7
        let geis = try SpectrumFile.read(path: SharedData.path("yadg/geis.mpt"))
        #expect(geis.first?.metadata.cycleLabel == 1 && geis.last?.metadata.cycleLabel == 61)
        #expect(geis[0].metadata.rowRange?.lowerBound == 77 + 29 + 0)  // 76 header lines, 29 leading freq = 0 rows
        #expect(geis[0].metadata.startDate == "03/03/2021 20:40:41.000")
        let multi = try SpectrumFile.read(path: SharedData.path("pyimpspec/case-multiple-spectra.mpt"))
        #expect(multi.count == 3)  // cycle number stays 1 (0 here): only frequency resets split
        let drift = try SpectrumFile.read(path: SharedData.path("pyimpspec/drift-corrected-data.dta"))
        #expect(drift.map(\.metadata.label) == [nil, "drift-corrected"])
        let aborted = try SpectrumFile.read(path: SharedData.path("impedance.py/exampleDataGamryABORT.DTA"))
        #expect(aborted[0].metadata.warnings.contains { $0.contains("aborted") })
        let peis = try SpectrumFile.read(path: SharedData.path("yadg/peis.mpt"))
        #expect(peis[0].metadata.warnings.contains("6 inductive points (Im(Z) > 0)"))
        let sim = try SpectrumFile.read(path: SharedData.path("zahner-analysis/ZHIT.ism"))
        #expect(sim[0].metadata.warnings.contains { $0.contains("simulated") })
    }
}
