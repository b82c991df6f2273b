import Foundation
import Testing
@testable import NyquistIO

@Suite("Errors, detection, number parsing")
struct ErrorAndDetectionTests {
    @Test("Errors render as one line FILE:LINE: reason or FILE: byte N: reason")
    func rendering() {
        let e1 = ReaderError.invalidNumber(file: "a.csv", at: .line(3), text: "abc")
        #expect(e1.description == "a.csv:3: not a number: 'abc'")
        let e2 = ReaderError.truncated(file: "b.mpr", at: .byte(58), reason: "module header incomplete")
        #expect(e2.description == "b.mpr: byte 58: file is truncated: module header incomplete")
        #expect(ReaderError.emptyFile(file: "c").description == "c: file is empty (0 bytes)")
        for e in [e1, e2] { #expect(!e.description.contains("\n")) }
    }

    @Test("A bad number names the line")
    func badNumber() {
        #expect(throws: ReaderError.invalidNumber(file: "x.csv", at: .line(3), text: "1,2x")) {
            try SpectrumFile.read(bytes: Array("f;Z';Z''\n1000;1;2\n100;1,2x;3\n".utf8), name: "x.csv")
        }
    }

    @Test("EC-Lab header problems name the line")
    func mptHeader() {
        #expect(throws: ReaderError.malformed(file: "m.mpt", at: .line(2), reason: "expected 'Nb header lines : N', found 'Nb header lines : x'")) {
            try SpectrumFile.read(bytes: Array("EC-Lab ASCII FILE\nNb header lines : x\n".utf8), name: "m.mpt")
        }
        #expect(throws: ReaderError.truncated(file: "m.mpt", at: .line(3), reason: "header announces 70 lines, file has 3")) {
            try SpectrumFile.read(bytes: Array("EC-Lab ASCII FILE\nNb header lines : 70\n\n".utf8), name: "m.mpt")
        }
    }

    @Test("Truncated .mpr names the byte offset")
    func mprTruncated() {
        var b = Array("BIO-LOGIC MODULAR FILE\u{1A}".utf8)
        b += [UInt8](repeating: 0x20, count: 48 - b.count) + [0, 0, 0, 0]
        b += Array("MODULE".utf8) + Array("VMP data  ".utf8)
        #expect(throws: ReaderError.truncated(file: "t.mpr", at: .byte(58), reason: "module header incomplete")) {
            try SpectrumFile.read(bytes: b, name: "t.mpr")
        }
    }

    @Test("Empty, missing and unrecognised files give typed errors")
    func fileErrors() {
        #expect(throws: ReaderError.emptyFile(file: "e")) { try SpectrumFile.read(bytes: [], name: "e") }
        #expect(throws: ReaderError.unreadable(file: "/nonexistent/x.mpt", reason: "no such file")) {
            try SpectrumFile.read(path: "/nonexistent/x.mpt")
        }
        #expect(throws: ReaderError.self) { try SpectrumFile.read(bytes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], name: "bin") }
    }

    @Test("Detection from content, not extension", arguments: [
        ("EC-Lab ASCII FILE\nNb header lines : 3\n", FileFormat.biologicMPT),
        ("freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\t\n", .biologicMPT),
        ("EXPLAIN\nTAG\tEISPOT\n", .gamryDTA),
        ("ZPLOT2 ASCII\n", .zplot), ("\"ZPlotW Data File: Version 3.2c\"\n", .zplot),
        ("ZView Calculated Data File: Version 1.1\n", .zplot),
        ("RelaxIS 3.0 Spectrum export\n", .relaxis),
        ("Feb. 20, 2020   15:55:08\nA.C. Impedance\n", .chi),
        ("<Application>\nName=VersaStudio\n", .versastudio),
        ("f,Z',Z''\n1,2,3\n", .csv),
    ])
    func detection(_ text: String, _ format: FileFormat) {
        #expect(SpectrumFile.detect(bytes: Array(text.utf8), name: "file.dat") == format)
    }

    @Test("Binary magics")
    func binaryDetection() {
        #expect(SpectrumFile.detect(bytes: Array("BIO-LOGIC MODULAR FILE\u{1A}   ".utf8), name: "x") == .biologicMPR)
        #expect(SpectrumFile.detect(bytes: [0, 0, 0xFF, 0xFF, 0xFF, 0xFE, 0, 0, 0, 0, 0, 0], name: "x") == .zahnerISM)
        #expect(SpectrumFile.detect(bytes: [0xFF, 0xFE, 0x7B, 0, 0x7D, 0], name: "x") == .palmsens)
    }

    @Test("--format overrides detection")
    func forcedFormat() throws {
        // A Gamry-looking first line read as a generic table.
        let text = "EXPLAIN\nf,Z',Z''\n1000,1,-1\n"
        let s = try SpectrumFile.read(bytes: Array(text.utf8), name: "x", format: .csv)
        #expect(s[0].frequencies == [1000])
    }
}
