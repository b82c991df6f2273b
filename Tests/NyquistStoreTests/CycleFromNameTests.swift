import Foundation
import NyquistIO
@testable import NyquistStore
import NyquistTestSupport
import Testing

/// Cycle labels read from file names (issue 14): the default rule, content labels first, user patterns.
@Suite struct CycleFromNameTests {
    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-cyclename-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A two-point spectrum file without a cycle column.
    func write(_ name: String, in dir: URL, text: String = "freq_Hz,Z_re_Ohm,Z_im_Ohm\n1000,10,-1\n100,12,-5\n") throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test func defaultRuleReadsCycleNamesAndNothingElse() {
        let rule = CycleFromName.standard
        let expected: [(String, Int?)] = [
            ("cycle12.csv", 12), ("cycle_012.csv", 12), ("cyc-12.csv", 12), ("CYC12.TXT", 12), ("Cycle 7.mpt", 7),
            ("cellA_cycle_0150_PEIS.csv", 150), ("data/cycle_003.csv", 3),
            // EC-Lab's channel/technique suffix, other words ending in "cycle", and directory names never count.
            ("cellA_PEIS_C15.mpt", nil), ("run_C15.csv", nil), ("recycle3.csv", nil), ("cycle_9/spectrum.csv", nil),
            ("cycles.csv", nil), ("cycle.csv", nil),
            // Digits beyond Int.max: no label (and no trap).
            ("cycle_99999999999999999999999.csv", nil),
        ]
        for (name, label) in expected { #expect(rule.label(forFile: name) == label, "\(name)") }
    }

    @Test func folderOfCycleFilesIsLabelledSortedAndNoted() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Written out of order; `cyc-2` and `cycle_010` also disagree in lexical order.
        for name in ["cycle_010.csv", "cyc-2.csv", "cycle_001.csv", "Cycle3.csv"] { try write(name, in: dir) }
        let series = try BatchInput.series(from: [dir.path])
        #expect(series.count == 1)
        let spectra = try #require(series.first).spectra
        #expect(spectra.map(\.spectrum.metadata.cycleLabel) == [1, 2, 3, 10])
        #expect(spectra.map { ($0.source.path as NSString).lastPathComponent }
                == ["cycle_001.csv", "cyc-2.csv", "Cycle3.csv", "cycle_010.csv"])
        #expect(spectra[3].spectrum.metadata.provenance.contains("cycle 10 from the file name 'cycle_010.csv'"))
    }

    @Test func rejectedFileKeepsItsPlaceByItsNameLabel() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["cycle_1.csv", "cycle_3.csv"] { try write(name, in: dir) }
        try write("cycle_2.csv", in: dir, text: "freq_Hz,Z_re_Ohm,Z_im_Ohm\n1000,10,-1\n100,12x,-5\n")
        let spectra = try #require(try BatchInput.series(from: [dir.path]).first).spectra
        #expect(spectra.map(\.spectrum.metadata.cycleLabel) == [1, 2, 3])
        #expect(spectra.map { $0.failure != nil } == [false, true, false])
    }

    @Test func contentLabelWinsAndChannelSuffixIsNeverTaken() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("cycle_003.csv", in: dir, text: "cycle,freq_Hz,Z_re_Ohm,Z_im_Ohm\n7,1000,10,-1\n7,100,12,-5\n")
        try write("cellA_PEIS_C15.csv", in: dir)
        let spectra = try #require(try BatchInput.series(from: [dir.path]).first).spectra
        let byName = Dictionary(uniqueKeysWithValues: spectra.map {
            (($0.source.path as NSString).lastPathComponent, $0.spectrum.metadata)
        })
        #expect(byName["cycle_003.csv"]?.cycleLabel == 7)
        #expect(byName["cycle_003.csv"]?.provenance.contains { $0.contains("file name") } == false)
        #expect(byName["cellA_PEIS_C15.csv"]?.cycleLabel == nil)
    }

    @Test func userPatternReplacesTheDefault() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["run4_cycle_90.csv", "run11_cycle_80.csv"] { try write(name, in: dir) }
        let rule = try CycleFromName(pattern: #"run(\d+)_"#)
        let spectra = try #require(try BatchInput.series(from: [dir.path], cycleFromName: rule).first).spectra
        #expect(spectra.map(\.spectrum.metadata.cycleLabel) == [4, 11])
        let byDefault = try #require(try BatchInput.series(from: [dir.path]).first).spectra
        #expect(byDefault.map(\.spectrum.metadata.cycleLabel) == [80, 90])
        // A pattern that never matches leaves the series unlabelled.
        let none = try CycleFromName(pattern: #"nomatch(\d+)"#)
        let unlabelled = try #require(try BatchInput.series(from: [dir.path], cycleFromName: none).first).spectra
        #expect(unlabelled.allSatisfy { $0.spectrum.metadata.cycleLabel == nil })
    }

    @Test func badPatternsAreRefusedWithTheReason() {
        for (pattern, words) in [("cycle(\\d+", "not a valid regular expression"),
                                 ("cycle\\d+", "it has 0"), ("(run)(\\d+)", "it has 2")] {
            #expect {
                _ = try CycleFromName(pattern: pattern)
            } throws: { error in
                guard let e = error as? BatchInputError, case .badCycleRegex(let p, let reason) = e else { return false }
                return p == pattern && reason.contains(words) && e.description.contains("--cycle-from-name")
            }
        }
    }
}
