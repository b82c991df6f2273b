import Foundation
import Testing
@testable import NyquistIO
import NyquistTestSupport

/// `nyquist convert --to csv` writes one tidy table (a `spectrum` column on every row, no blank-line separators) and
/// the CSV reader splits it back by that column (issue 14, tables).
@Suite("Tidy CSV tables")
struct TidyTableTests {
    private func read(_ text: String) throws -> [Spectrum] {
        try SpectrumFile.read(bytes: Array(text.utf8), name: "tidy.csv")
    }

    /// Two spectra whose second continues the first's descending sweep (1000, 100 | 10, 1 Hz): nothing but the
    /// `spectrum` column tells them apart.
    private static let pair: [Spectrum] = [
        Spectrum(frequencies: [1000, 100], impedances: [.init(1, -0.5), .init(2, -1.5)],
                 metadata: SpectrumMetadata(index: 0, cycleLabel: 3, startTime: 12.5, channel: "CH 1")),
        Spectrum(frequencies: [10, 1], impedances: [.init(3, -2), .init(4.25, -3)],
                 metadata: SpectrumMetadata(index: 1)),
    ]

    @Test("Every row names its spectrum; cycle, channel and start time columns appear when known, empty otherwise")
    func writerTable() {
        let expected = """
            spectrum,cycle,channel,start_time_s,freq_Hz,Z_re_Ohm,Z_im_Ohm
            0,3,CH 1,12.5,1000.0,1.0,-0.5
            0,3,CH 1,12.5,100.0,2.0,-1.5
            1,,,,10.0,3.0,-2.0
            1,,,,1.0,4.25,-3.0

            """
        #expect(SpectrumWriter.csv(Self.pair) == expected)
        #expect(!SpectrumWriter.csv(Self.pair).contains("\n\n"), "no blank line: pandas would merge the spectra")
    }

    @Test("Without metadata the table is spectrum,freq_Hz,Z_re_Ohm,Z_im_Ohm")
    func minimalHeader() {
        let s = Spectrum(frequencies: [5], impedances: [.init(1, -1)], metadata: SpectrumMetadata(index: 4))
        #expect(SpectrumWriter.csv([s]) == "spectrum,freq_Hz,Z_re_Ohm,Z_im_Ohm\n4,5.0,1.0,-1.0\n")
    }

    @Test("Spectra sharing an index are numbered by position, so they never merge")
    func duplicateIndices() throws {
        let s = Spectrum(frequencies: [100, 10], impedances: [.init(1, -1), .init(2, -2)])
        let text = SpectrumWriter.csv([s, s])
        #expect(text.split(separator: "\n").map { $0.prefix(2) } == ["sp", "0,", "0,", "1,", "1,"])
        #expect(try read(text).count == 2)
    }

    @Test("A channel holding a comma or a quote is quoted (RFC 4180) and the table still reads")
    func quotedChannel() throws {
        var s = Self.pair[0]
        s.metadata.channel = "CH \"A\", 2"
        let text = SpectrumWriter.csv([s])
        #expect(text.split(separator: "\n")[1] == "0,3,\"CH \"\"A\"\", 2\",12.5,1000.0,1.0,-0.5")
        let back = try read(text)
        #expect(back.count == 1 && back[0].frequencies == [1000, 100])
        #expect(back[0].impedances == s.impedances)
        #expect(back[0].metadata.channel == "CH \"A\", 2")
    }

    @Test("The reader splits by the spectrum column, keeps cycle, channel and start time, and ignores the jump rule")
    func readBackSplitsByColumn() throws {
        let back = try read(SpectrumWriter.csv(Self.pair))
        #expect(back.count == 2)
        #expect(back.map(\.frequencies) == [[1000, 100], [10, 1]])
        #expect(back.map(\.impedances) == Self.pair.map(\.impedances))
        #expect(back[0].metadata.cycleLabel == 3 && back[1].metadata.cycleLabel == nil)
        #expect(back[0].metadata.startTime == 12.5 && back[1].metadata.startTime == nil)
        #expect(back[0].metadata.channel == "CH 1" && back[1].metadata.channel == nil)
        #expect(back[0].metadata.provenance.contains { $0.contains("spectra split by column 'spectrum'") })
        // One spectrum id over a sweep that jumps back up (100 → 1000 Hz) stays one spectrum: the column decides.
        let one = try read("spectrum,freq_Hz,Z_re_Ohm,Z_im_Ohm\n7,100,1,-1\n7,10,2,-2\n7,1000,3,-3\n7,1,4,-4\n")
        #expect(one.count == 1 && one[0].frequencies == [100, 10, 1000, 1])
    }

    @Test("A spectrum column is not needed: tables without it split as before")
    func legacyTableStillSplits() throws {
        let back = try read("freq_Hz,Z_re_Ohm,Z_im_Ohm\n1000,1,-1\n100,2,-2\n\n1000,3,-3\n100,4,-4\n")
        #expect(back.map(\.frequencies) == [[1000, 100], [1000, 100]])
    }

    @Test("A PalmSens multiplexer session round-trips with its channels")
    func multiplexerRoundTrip() throws {
        let json = PalmSensSession.multiplexer(frequency: [1000, 10], channels: [
            (3, [([1, 2], [5, 6]), ([3, 4], [7, 8])]),
            (8, [([11, 12], [15, 16])]),
        ])
        let original = try SpectrumFile.read(bytes: PalmSensSession.bytes(json), name: "mux.pssession")
        let text = SpectrumWriter.csv(original)
        #expect(text.hasPrefix("spectrum,channel,freq_Hz,Z_re_Ohm,Z_im_Ohm\n0,CH 3,1000.0,1.0,-5.0\n"))
        let back = try read(text)
        #expect(back.map(\.metadata.channel) == ["CH 3", "CH 3", "CH 8"])
        #expect(back.map(\.frequencies) == original.map(\.frequencies))
        #expect(back.map(\.impedances) == original.map(\.impedances))
    }

    @Test("Round trip of real multi-spectrum files: the same spectra, split by the spectrum column",
          .enabled(if: SharedData.available, SharedData.skipMessage),
          arguments: ["geis.mpt", "mb.mpt", "drift-corrected-data.dta", "case-multiple-spectra.csv"])
    func realFileRoundTrip(name: String) throws {
        let file = try #require(SharedData.files.first { $0.hasSuffix("/" + name) }, "\(name) in the shared data")
        let original = try SpectrumFile.read(path: SharedData.path(file))
        try #require(original.count > 1, "\(name) holds several spectra")
        let text = SpectrumWriter.csv(original)
        #expect(!text.contains("\n\n"))
        let back = try read(text)
        #expect(back.count == original.count)
        #expect(back.map(\.frequencies) == original.map(\.frequencies))
        #expect(back.map(\.impedances) == original.map(\.impedances))
        #expect(back.map(\.metadata.cycleLabel) == original.map(\.metadata.cycleLabel))
        #expect(back.map(\.metadata.startTime) == original.map(\.metadata.startTime))
        #expect(back.map(\.metadata.channel) == original.map(\.metadata.channel))
    }
}
