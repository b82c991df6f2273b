import Foundation
import Testing
@testable import NyquistIO

/// Builds Latin-1 bytes (each scalar ≤ U+00FF becomes one byte).
private func latin1(_ s: String) -> [UInt8] { s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }

@Suite("Instrument readers on hand-built files")
struct InstrumentReaderTests {
    /// Modulo Bat style: Latin-1 µ, CRLF, comma decimals, trailing tabs, freq = 0 rows, `z cycle` changing mid-sweep.
    static let moduloBat = latin1(
        "EC-Lab ASCII FILE\r\nNb header lines : 5                          \r\n\r\nModulo Bat\r\n"
            + "mode\tfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\tCs/µF\tz cycle\tcycle number\t\r\n"
            + "1\t0,0\t0,0\t0,0\t0\t0\t0\t\r\n"
            + "1\t1000,0\t10,5\t2,25\t0\t0\t0\t\r\n"
            + "1\t100,0\t11,0\t3,5\t0\t0\t0\t\r\n"
            + "1\t10,0\t12,0\t4,0\t0\t1\t0\t\r\n"
            + "2\t0,0\t0\t0\t0\t1\t0\t\r\n"
            + "1\t1000,0\t20\t1\t0\t1\t1\t\r\n"
            + "1\t100,0\t21\t-2\t0\t1\t1\t\r\n")

    @Test("EC-Lab text: comma decimals, CRLF, Latin-1, gaps, labels that reset mid-sweep")
    func mptModuloBat() throws {
        let s = try SpectrumFile.read(bytes: Self.moduloBat, name: "mb.mpt")
        try #require(s.count == 2)
        #expect(s[0].frequencies == [1000, 100, 10])
        #expect(s[0].impedances == [.init(10.5, -2.25), .init(11, -3.5), .init(12, -4)])
        #expect(s[0].metadata.cycleLabel == 0)
        #expect(s[0].metadata.provenance.contains { $0.contains("cycle label changes within the sweep (0 → 1)") })
        #expect(s[0].metadata.rowRange == 7...9)
        #expect(s[0].metadata.technique == "Modulo Bat")
        #expect(s[1].impedances == [.init(20, -1), .init(21, 2)])
        #expect(s[1].metadata.cycleLabel == 1)
        #expect(s[1].metadata.warnings.contains("1 inductive point (Im(Z) > 0)"))
        #expect(s[0].metadata.provenance.contains { $0.hasPrefix("decimal separator ','") })
    }

    @Test("EC-Lab text with |Z| and phase only")
    func mptPolar() throws {
        let text = "freq/Hz\t|Z|/Ohm\tPhase(Z)/deg\t\n100\t2\t-90\t\n10\t2\t0\t\n"
        let s = try SpectrumFile.read(bytes: Array(text.utf8), name: "p.txt")
        #expect(s[0].metadata.format == "biologic-mpt")
        #expect(close(s[0].impedances[0].imaginary, -2) && s[0].impedances[1] == .init(2, 0))
    }

    @Test("EC-Lab text with a header and no data rows gives zero spectra")
    func mptEmpty() throws {
        let text = "EC-Lab ASCII FILE\nNb header lines : 3\nfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\t\n"
        #expect(try SpectrumFile.read(bytes: Array(text.utf8), name: "e.mpt").isEmpty)
    }

    @Test("EC-Lab text: loop table gives the labels")
    func mptLoops() throws {
        let text = "EC-Lab ASCII FILE\nNb header lines : 6\n\nPEIS\nLoop 7 from point number 0 to 1\nfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\t\n"
            + "100\t1\t1\t\n10\t1\t1\t\n"
        let s = try SpectrumFile.read(bytes: Array(text.utf8), name: "l.mpt")
        #expect(s[0].metadata.cycleLabel == 7)
    }

    @Test("Gamry DTA: ZCURVE without row count, Latin-1 degree, aborted, locale date")
    func gamry() throws {
        let text = "EXPLAIN\nTAG\tEISPOT\nDATE\tLABEL\t25.1.2024\tDate\nTIME\tLABEL\t10:00:00\tTime\n"
            + "ZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\tZsig\tZmod\tZphz\tIdc\tVdc\tIERange\n"
            + "\t#\ts\tHz\tohm\tohm\tV\tohm\t\u{B0}\tA\tV\t#\n"
            + "\t0\t1\t10000\t224.6\t-3.7\t1\t224.6\t-0.9\t2E-006\t1.25\t10\n"
            + "\t1\t2\t1000\t225\t-5\t1\t225\t-1.2\t4E-006\t1.35\t10\n"
            + "EXPERIMENTABORTED\tTOGGLE\tT\tExperiment Aborted\n"
        let s = try SpectrumFile.read(bytes: latin1(text), name: "g.DTA")
        try #require(s.count == 1)
        #expect(s[0].frequencies == [10000, 1000])
        #expect(s[0].impedances == [.init(224.6, -3.7), .init(225, -5)])
        #expect(s[0].metadata.technique == "EISPOT")
        #expect(s[0].metadata.startDate == "25.1.2024 10:00:00")
        #expect(close(s[0].metadata.dcPotential ?? 0, 1.3) && close(s[0].metadata.dcCurrent ?? 0, 3e-6))
        #expect(s[0].metadata.startTime == 1)
        #expect(s[0].metadata.warnings.contains { $0.contains("aborted") })
    }

    @Test("Z60W (UTF-8 BOM, space-separated quoted column line, comma rows)")
    func z60w() throws {
        let text = "\u{FEFF}\"Z60W Data File: Version 1.1\"\n\"\"\n0,2,0,1,0.1,10000\n2\n"
            + "\"  Freq (Hz)    Ampl     Bias   Time(Sec)   Z'(a)    Z''(b)    GD   Err   Range\"\n"
            + "10000,0,0,0,0.0137,0.0071,0,0,0\n7498.9,0,0,0,0.0134,-0.0052,0,0,0\n"
        let s = try SpectrumFile.read(bytes: Array(text.utf8), name: "a.txt")
        #expect(s[0].metadata.format == "zplot")
        #expect(s[0].impedances == [.init(0.0137, 0.0071), .init(0.0134, -0.0052)])
        #expect(s[0].metadata.warnings.allSatisfy { !$0.contains("announces") })
    }

    @Test("PalmSens session: UTF-16LE, trailing BOM, lower-case keys, -Z'' quantity, two scans, CV skipped")
    func palmsens() throws {
        func array(_ d: String, _ q: String, _ v: [Double]) -> String {
            "{\"description\":\"\(d)\",\"unit\":{\"q\":\"\(q)\",\"type\":\"x\"},\"datavalues\":[\(v.map { "{\"v\":\($0)}" }.joined(separator: ","))]}"
        }
        let eis = "{\"title\":\"EIS\",\"dataset\":{\"values\":[" + array("Frequency", "Frequency", [100, 10, 100, 10]) + ","
            + array("ZRe", "Z'", [1, 2, 3, 4]) + "," + array("ZIm", "-Z''", [5, 6, 7, 8]) + "]}}"
        let cv = "{\"title\":\"CV\",\"dataset\":{\"values\":[" + array("potential", "Potential", [0, 1]) + "]}}"
        let json = "{\"measurements\":[\(cv),\(eis)]}"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in json.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        bytes += [0xFF, 0xFE]
        let s = try SpectrumFile.read(bytes: bytes, name: "x.pssession")
        #expect(s.count == 2)
        #expect(s[0].impedances == [.init(1, -5), .init(2, -6)])
        #expect(s[1].impedances == [.init(3, -7), .init(4, -8)])
        #expect(s[0].metadata.provenance.contains { $0.contains("skipped non-EIS measurements: CV") })
    }

    @Test("Zahner ISM: big-endian arrays, phase in radians, up-then-down sweep kept as one spectrum")
    func ism() throws {
        func be48(_ v: Int64) -> [UInt8] { (0..<6).reversed().map { UInt8(truncatingIfNeeded: v >> (8 * Int64($0))) } }
        func be64(_ x: Double) -> [UInt8] { (0..<8).reversed().map { UInt8(truncatingIfNeeded: x.bitPattern >> (8 * UInt64($0))) } }
        let f = [1000.0, 10000, 100], mag = [2.0, 1, 3], ph = [-Double.pi / 2, 0, Double.pi / 2]
        var b = be48(4294967294) + be48(2)
        for a in [f, mag, ph, [0.0, 1, 2]] { for x in a { b += be64(x) } }
        b += [0, 0, 0, 0, 0, 0]
        b += [0, 6] + Array("160724".utf8) + [0, 10] + Array("sIMULATION".utf8)
        let s = try SpectrumFile.read(bytes: b, name: "z.ism")
        try #require(s.count == 1 && s[0].count == 3)
        #expect(s[0].frequencies == f)
        #expect(abs(s[0].impedances[0].real) < 1e-15 && s[0].impedances[0].imaginary == -2)
        #expect(s[0].impedances[1] == .init(1, 0))
        #expect(close(s[0].impedances[2].imaginary, 3))
        #expect(s[0].metadata.technique == "Simulation")
        #expect(s[0].metadata.warnings.contains("frequency is not monotonic within the sweep"))
    }
}
