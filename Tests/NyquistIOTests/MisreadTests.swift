import Foundation
import NyquistTestSupport
import Testing
@testable import NyquistIO

private func read(_ text: String, name: String = "t.csv", options: ReadOptions = .init()) throws -> [Spectrum] {
    try SpectrumFile.read(bytes: Array(text.utf8), name: name, options: options)
}

/// Issue 12, point 3: files that used to be read wrongly with exit 0. Every expected value is written out by hand
/// from the fixture text.
@Suite("No silent misread")
struct MisreadTests {
    // MARK: truncated rows

    /// EC-Lab rows end in a tab, so a row cut inside its third field has 3 fields where the others have 5: the cut
    /// value "1.5" (from "1.5000000E+001") must not become Z″ = −1.5.
    @Test("EC-Lab .mpt cut off mid-number: the last row is dropped with a warning naming its line")
    func truncatedMPT() throws {
        let header = "EC-Lab ASCII FILE\nNb header lines : 4\n\nfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\tcycle number\t\n"
        let rows = "1.0000000E+003\t1.0000000E+001\t5.0000000E+000\t1.0000000E+000\t\n"
            + "1.0000000E+002\t1.2000000E+001\t8.0000000E+000\t1.0000000E+000\t\n"
        for cut in ["1.0000000E+001\t2.0000000E+001\t1.5", "1.0000000E"] {
            let s = try read(header + rows + cut, name: "cut.mpt")
            try #require(s.count == 1)
            #expect(s[0].frequencies == [1000, 100])
            #expect(s[0].impedances == [.init(10, -5), .init(12, -8)])
            #expect(s[0].metadata.warnings.contains { $0.hasPrefix("line 7:") && $0.contains("dropped") }, "\(s[0].metadata.warnings)")
            #expect(s[0].metadata.provenance.contains { $0.contains("1 row dropped (line 7)") })
        }
    }

    @Test("A CSV ending in a number cut short (1.5e, -, 4E+) drops that row and names the line", arguments: ["-1.5e", "-", "4E+"])
    func cutOffNumber(_ tail: String) throws {
        let s = try read("f,Zre,Zim\n1000,10,-5\n100,12,-8\n10,20,\(tail)")
        try #require(s.count == 1)
        #expect(s[0].frequencies == [1000, 100])
        #expect(s[0].metadata.warnings.contains { $0.hasPrefix("line 4:") && $0.contains("'\(tail)'") })
    }

    @Test("A short row inside the file is refused with its line; garbage in the last row is still an error")
    func shortRowInside() {
        #expect { try read("f,Zre,Zim,Zmod\n1000,10,-5,11.18\n100,12,-8\n10,20,-15,25\n") } throws: { e in
            (e as? ReaderError)?.description == "t.csv:3: row has 3 fields where the table's rows have 4"
        }
        #expect { try read("f,Zre,Zim\n1000,10,-5\n10,20,-1x5\n") } throws: { e in
            (e as? ReaderError)?.description.hasPrefix("t.csv:3:") == true
        }
    }

    // MARK: RFC 4180 quoting

    @Test("Quoted fields with decimal commas: \"1000000,0\",\"10,01\" and the ';' form, LF or CRLF", arguments: [
        "\"f\",\"Zre\",\"Zim\"\n\"1000000,0\",\"10,01\",\"-5,5\"\n\"100,5\",\"12,25\",\"-8,75\"\n",
        "\"f\";\"Zre\";\"Zim\"\r\n\"1000000,0\";\"10,01\";\"-5,5\"\r\n\"100,5\";\"12,25\";\"-8,75\"\r\n",
        "\"f\",\"Zre\",\"Zim\"\r\n\"1000000,0\",\"10,01\",\"-5,5\"\r\n\"100,5\",\"12,25\",\"-8,75\"",
    ])
    func quotedDecimalComma(_ text: String) throws {
        let s = try read(text)
        try #require(s.count == 1)
        #expect(s[0].frequencies == [1_000_000, 100.5])
        #expect(s[0].impedances == [.init(10.01, -5.5), .init(12.25, -8.75)])
        #expect(s[0].metadata.provenance.contains("field separator \(text.contains(";") ? "semicolon" : "comma"), decimal mark ','"))
        #expect(s[0].metadata.provenance.contains { $0.hasPrefix("quoted fields (RFC 4180)") })
    }

    @Test("Doubled quotes and separators inside quotes do not split a field")
    func doubledQuotes() throws {
        let s = try read("\"freq\",\"Zre\",\"Zim\",\"note, with \"\"quotes\"\"\"\n1000,10,-5,\"ok, \"\"good\"\", fine\"\n100,12,-8,\"a,b\"\n")
        try #require(s.count == 1)
        #expect(s[0].frequencies == [1000, 100])
        #expect(s[0].impedances == [.init(10, -5), .init(12, -8)])
        #expect(s[0].metadata.provenance.contains { $0.contains("text column 'note, with \"quotes\"' ignored") },
                "\(s[0].metadata.provenance)")
        var fields: [Int] = []
        let line = Array("a,\"b,\"\"c\"\"\",d".utf8)
        let n = line.withUnsafeBufferPointer { DelimitedTable.split($0, 0..<line.count, .comma, into: &fields) }
        #expect(n == 3)
        #expect(String(decoding: line[fields[2]..<fields[3]], as: UTF8.self) == "b,\"\"c\"\"")
    }

    // MARK: bad frequency rows inside a sweep

    @Test("A nan, inf, negative or zero frequency row inside a sweep is dropped with its line; the sweep stays whole",
          arguments: ["nan", "inf", "-10", "0"])
    func badFrequencyRow(_ f: String) throws {
        let s = try read("f,Zre,Zim\n1000,10,-5\n100,12,-8\n10,15,-9\n\(f),1,1\n1,20,-15\n0.1,30,-25\n")
        try #require(s.count == 1, "split into \(s.count)")
        #expect(s[0].frequencies == [1000, 100, 10, 1, 0.1])
        #expect(s[0].impedances.map(\.real) == [10, 12, 15, 20, 30])
        #expect(!s[0].metadata.isFragment)
        #expect(s[0].metadata.warnings.contains { $0.hasPrefix("line 5:") && $0.contains("dropped") }, "\(s[0].metadata.warnings)")
    }

    @Test("A non-finite impedance is dropped, not a split; frequency-0 blocks between sweeps still separate them")
    func nonFiniteImpedanceAndZeroBlocks() throws {
        let s = try read("f,Zre,Zim\n1000,10,-5\n100,nan,-8\n10,15,-9\n")
        #expect(s.count == 1 && s[0].frequencies == [1000, 10])
        #expect(s[0].metadata.warnings.contains { $0.hasPrefix("line 3:") })
        // Two sweeps in the same direction separated by two frequency-0 rows (a GCPL step): two spectra.
        let t = try read("f,Zre,Zim\n1000,10,-5\n100,12,-8\n0,0,0\n0,0,0\n10,15,-9\n1,20,-15\n")
        #expect(t.map(\.frequencies) == [[1000, 100], [10, 1]])
        #expect(t.allSatisfy { $0.metadata.warnings.allSatisfy { !$0.contains("dropped") } })
    }

    // MARK: text columns

    @Test("A text column is ignored and the numeric columns are read by header name",
          arguments: ["freq,Zre,Zim,comment\n1000,10,-5,good\n100,12,-8,noisy point\n",
                      "time,label,freq,Zre,Zim\n0.5,A,1000,10,-5\n1.5,B,100,12,-8\n",
                      "freq\tZre\tZim\tcomment\n1000\t10\t-5\tgood\n100\t12\t-8\t\n"])
    func textColumn(_ text: String) throws {
        let s = try read(text)
        try #require(s.count == 1)
        #expect(s[0].frequencies == [1000, 100])
        #expect(s[0].impedances == [.init(10, -5), .init(12, -8)])
        let ignored = text.hasPrefix("time") ? "'label'" : "'comment'"
        #expect(s[0].metadata.provenance.contains { $0.contains("columns chosen by header name") && $0.contains(ignored) },
                "\(s[0].metadata.provenance)")
    }

    @Test("Rows with a text field and no header naming the columns are refused, not read by position")
    func textColumnWithoutHeader() {
        #expect { try read("1000,10,-5,good\n100,12,-8,bad\n") } throws: { e in
            guard case .missingColumn(let file, _, _) = e as? ReaderError else { return false }
            return file == "t.csv"
        }
    }

    // MARK: PalmSens multiplexer sessions

    @Test("PalmSens multiplexer session: every channel's scans are read and labelled by channel")
    func palmSensChannels() throws {
        let json = PalmSensSession.multiplexer(frequency: [1000, 10], channels: [
            (3, [([1, 2], [5, 6]), ([3, 4], [7, 8])]),
            (8, [([11, 12], [15, 16]), ([13, 14], [17, 18])]),
        ])
        let s = try SpectrumFile.read(bytes: PalmSensSession.bytes(json), name: "mux.pssession")
        try #require(s.count == 4, "\(s.count) spectra")
        #expect(s.map(\.metadata.channel) == ["CH 3", "CH 3", "CH 8", "CH 8"])
        #expect(s.map(\.metadata.index) == [0, 1, 2, 3])
        #expect(s.map(\.frequencies) == Array(repeating: [1000, 10], count: 4))
        #expect(s.map(\.impedances) == [[.init(1, -5), .init(2, -6)], [.init(3, -7), .init(4, -8)],
                                        [.init(11, -15), .init(12, -16)], [.init(13, -17), .init(14, -18)]])
        #expect(s[0].metadata.provenance.contains { $0.contains("channel CH 3 from EISDataList entry") })
        #expect(s[3].metadata.rowRange == 2...3)
    }

    // MARK: choosing a spectrum

    @Test("One-spectrum commands: the named index, the only spectrum, or a refusal listing the spectra")
    func spectrumChoice() throws {
        let s = try read("f,Zre,Zim\n1000,10,-5\n100,12,-8\n10,15,-9\n1000,11,-5\n100,13,-8\n")
        try #require(s.count == 2)
        #expect(try SpectrumChoice.choose(s, index: 1, file: "t.csv") == 1)
        #expect(try SpectrumChoice.choose([s[0]], index: nil, file: "t.csv") == 0)
        #expect(throws: SpectrumChoiceError.ambiguous(file: "t.csv", spectra: [
            "#0  3 pts  1000.0–10.0 Hz", "#1  2 pts  1000.0–100.0 Hz",
        ])) { try SpectrumChoice.choose(s, index: nil, file: "t.csv") }
        #expect(throws: SpectrumChoiceError.noSuchSpectrum(file: "t.csv", index: 2, count: 2)) {
            try SpectrumChoice.choose(s, index: 2, file: "t.csv")
        }
    }
}
