import Foundation
import Testing
@testable import NyquistIO

private func read(_ text: String, name: String = "t.csv", format: FileFormat? = nil,
                  options: ReadOptions = .init()) throws -> [Spectrum] {
    try SpectrumFile.read(bytes: Array(text.utf8), name: name, format: format, options: options)
}

@Suite("Generic tables")
struct TableReaderTests {
    @Test("CSV written by `nyquist simulate` (freq_Hz,Z_re_Ohm,Z_im_Ohm, signed Z_im)")
    func simulateCSV() throws {
        let s = try read("freq_Hz,Z_re_Ohm,Z_im_Ohm\n1000,10,-5\n100,12.5,-8\n10,20,-15e0\n")
        try #require(s.count == 1)
        #expect(s[0].frequencies == [1000, 100, 10])
        #expect(s[0].impedances.map(\.real) == [10, 12.5, 20])
        #expect(s[0].impedances.map(\.imaginary) == [-5, -8, -15])
        #expect(s[0].metadata.format == "csv")
    }

    @Test("Plain freq,Z_re,Z_im header")
    func plainHeader() throws {
        let s = try read("freq,Z_re,Z_im\n1000,10,-5\n100,12,-8\n")
        #expect(s[0].impedances.map(\.imaginary) == [-5, -8])
    }

    @Test("-Im(Z) / -Z'' / -Z' headers negate the column", arguments: ["f,Z',-Z''", "freq,Zre,-Zim", "Frequency,Re(Z),-Im(Z)"])
    func negatedImaginary(_ header: String) throws {
        let s = try read("\(header)\n1000,10,5\n100,12,8\n")
        #expect(s[0].impedances.map(\.imaginary) == [-5, -8])
        #expect(s[0].impedances.map(\.real) == [10, 12])
        #expect(s[0].metadata.provenance.contains { $0.contains("-Im(Z)") })
    }

    @Test("Both parts negated: f,-Z',-Z''")
    func bothNegated() throws {
        let s = try read("f,-Z',-Z''\n1000,-10,5\n")
        #expect(s[0].impedances[0].real == 10 && s[0].impedances[0].imaginary == -5)
    }

    @Test("Polar form: |Z| and phase in degrees → Z = |Z|(cos φ + j sin φ)")
    func polarDegrees() throws {
        let s = try read("frequency,|Z|,Phase(Z)/deg\n1000,2,-90\n100,2,0\n10,2,-45\n")
        let z = s[0].impedances
        #expect(abs(z[0].real) < 1e-15 && z[0].imaginary == -2)
        #expect(z[1].real == 2 && z[1].imaginary == 0)
        #expect(close(z[2].real, 2.0.squareRoot()) && close(z[2].imaginary, -(2.0.squareRoot())))
        #expect(s[0].metadata.provenance.contains("phase in degrees (unit in header)"))
    }

    @Test("Polar form with phase in radians, and -phase header")
    func polarRadians() throws {
        let s = try read("f,|Z|,phase/rad\n1000,2,-1.5707963267948966\n")
        #expect(close(s[0].impedances[0].imaginary, -2) && abs(s[0].impedances[0].real) < 1e-15)
        let n = try read("frequency,|Z|,-phase\n1000,2,90\n")
        #expect(close(n[0].impedances[0].imaginary, -2))
        #expect(n[0].metadata.provenance.contains("phase assumed in degrees (no unit in header)"))
    }

    @Test("Phase unit option overrides the default")
    func phaseOption() throws {
        let s = try read("f,|Z|,phase\n1000,2,-1.5707963267948966\n", options: ReadOptions(phaseUnit: .radians))
        #expect(close(s[0].impedances[0].imaginary, -2))
    }

    @Test("Separators and decimal marks", arguments: [
        "f;Z';Z''\n1000,5;10,25;-5,5\n", "f\tZ'\tZ''\n1000,5\t10,25\t-5,5\n", "f Z' Z''\n1000.5 10.25 -5.5\n",
        "f\tZ'\tZ''\t\r\n1000.5\t10.25\t-5.5\t\r\n", "f, Z', Z''\n\n1000.5, 10.25, -5.5\n",
    ])
    func separators(_ text: String) throws {
        let s = try read(text)
        #expect(s[0].frequencies == [1000.5])
        #expect(s[0].impedances == [.init(10.25, -5.5)])
    }

    @Test("Headerless table with a leading 0,1,2,… index column")
    func indexColumn() throws {
        let s = try read("0,1000,10,-5,1\n1,100,12,-8,1\n2,10,20,-15,1\n3,1,30,-25,1\n")
        #expect(s[0].frequencies == [1000, 100, 10, 1])
        #expect(s[0].impedances.map(\.real) == [10, 12, 20, 30])
    }

    @Test("pandas index column named '' is skipped by name")
    func pandasIndex() throws {
        let s = try read(",Freq,Real,Imag\n0,0.01,5,-1\n1,0.1,4,-2\n")
        #expect(s[0].frequencies == [0.01, 0.1])
        #expect(s[0].impedances == [.init(5, -1), .init(4, -2)])
    }

    @Test("Stacked sweeps split at frequency resets, ascending or descending")
    func stackedSweeps() throws {
        let s = try read("f,Z',Z''\n1000,1,-1\n100,2,-2\n10,3,-3\n1000,4,-4\n100,5,-5\n10,6,-6\n")
        #expect(s.map(\.count) == [3, 3])
        let up = try read("f,Z',Z''\n1,1,-1\n10,2,-2\n100,3,-3\n1,4,-4\n10,5,-5\n")
        #expect(up.map(\.count) == [3, 2])
        #expect(up[1].metadata.isFragment == false)  // 2 of 3 is not below half
        // 10 → 12 goes against the descending direction but by less than ×1.5: same sweep, with a warning.
        let mixed = try read("f,Z',Z''\n1000,1,-1\n100,2,-2\n10,3,-3\n12,3,-3\n8,3,-3\n")
        #expect(mixed.count == 1)
        #expect(mixed[0].metadata.warnings.contains("frequency is not monotonic within the sweep"))
    }

    @Test("A short sweep among long ones is kept and marked as a fragment")
    func fragment() throws {
        var text = "f,Z',Z''\n"
        for f in [1000.0, 700, 500] { text += "\(f),1,-1\n" }
        for _ in 0..<2 { for f in [1000.0, 700, 500, 300, 200, 100, 70, 50] { text += "\(f),1,-1\n" } }
        let s = try read(text)
        #expect(s.map(\.count) == [3, 8, 8])
        #expect(s.map(\.metadata.isFragment) == [true, false, false])
    }

    @Test("Explicit columns and sign for an unrecognised header")
    func explicitColumns() throws {
        let options = ReadOptions(frequencyColumn: .index(1), realColumn: .index(2), imaginaryColumn: .index(3),
                                  imaginarySign: .negated)
        let s = try read("a,b,c,d\n7,1000,10,5\n8,100,12,8\n", options: options)
        #expect(s[0].frequencies == [1000, 100])
        #expect(s[0].impedances.map(\.imaginary) == [-5, -8])
        let named = try read("when,hz,re,im\n7,1000,10,5\n", options: ReadOptions(frequencyColumn: .name("hz"),
                                                                                  realColumn: .name("re"), imaginaryColumn: .name("im")))
        #expect(named[0].impedances == [.init(10, 5)])
    }

    @Test("Non-impedance rows (frequency 0) separate sweeps and are not data")
    func zeroFrequencyRows() throws {
        let s = try read("Frequency (Hz)\tZre (ohms)\tZim (ohms)\n0\t0\t0\n0\t0\t0\n1000\t1\t-1\n100\t2\t-2\n")
        #expect(s.count == 1 && s[0].frequencies == [1000, 100])
        #expect(s[0].metadata.rowRange == 4...5)
    }

    @Test("SpectrumWriter CSV reads back to the same numbers")
    func writerRoundTrip() throws {
        let original = Spectrum(frequencies: [1e5, 1234.5678901234567, 0.1], impedances: [.init(1e-3, -2.5e-7), .init(10.1, 0), .init(-3, 4)])
        let text = SpectrumWriter.csv([original, original])
        let back = try read(text)
        #expect(back.count == 2)
        #expect(back[0].frequencies == original.frequencies && back[0].impedances == original.impedances)
        #expect(back[1].impedances == original.impedances)
        let json = SpectrumWriter.json([original])
        #expect(json.contains("\"frequency_Hz\""))
    }
}
