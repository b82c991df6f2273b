import Foundation

/// Zahner Thales binary spectra (`.ism`), all big-endian.
///
/// Layout: a 6-byte signed version marker, a 6-byte integer n − 1, then n float64 frequencies (Hz), n float64 |Z| (Ω),
/// n float64 phases arg(Z) in **radians**, n float64 time stamps (s since 1980-01-01), n int16 significances; then
/// metadata strings, each an int16 length plus ASCII with upper/lower case swapped (date `DDMMYY`, system, voltage,
/// current, temperature, time, comments …). Z = |Z|·(cos φ + j sin φ).
/// A measurement may start mid-range, sweep up to f_max and then down to f_min: the file is kept as ONE spectrum in
/// file order (Zahner's own reader keeps only the max→min part); the non-monotonic order is flagged as a warning.
enum ZahnerReader {
    static func read(_ b: [UInt8], file: String, options: ReadOptions) throws(ReaderError) -> [Spectrum] {
        guard b.count >= 12 else { throw .truncated(file: file, at: .byte(b.count), reason: "ISM header needs 12 bytes") }
        func int48(_ o: Int) -> Int64 {
            var v: Int64 = 0
            for k in 0..<6 { v = v << 8 | Int64(b[o + k]) }
            return v >= 1 << 47 ? v - (1 << 48) : v
        }
        func f64(_ o: Int) -> Double {
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 8 | UInt64(b[o + k]) }
            return Double(bitPattern: v)
        }
        let nMinusOne = int48(6)
        guard nMinusOne >= 0, nMinusOne < 10_000_000 else {
            throw .malformed(file: file, at: .byte(6), reason: "impossible point count \(nMinusOne + 1)")
        }
        let n = Int(nMinusOne) + 1
        let arraysEnd = 12 + n * 34
        guard arraysEnd <= b.count else {
            throw .truncated(file: file, at: .byte(b.count), reason: "\(n) points need \(arraysEnd) bytes of arrays, file has \(b.count)")
        }
        var rows = RowCollector(capacity: n)
        let fOff = 12, mOff = 12 + 8 * n, pOff = 12 + 16 * n, tOff = 12 + 24 * n
        for i in 0..<n {
            let mag = f64(mOff + 8 * i), phi = f64(pOff + 8 * i)
            rows.add(frequency: f64(fOff + 8 * i), real: mag * Foundation.cos(phi), imaginary: mag * Foundation.sin(phi),
                     position: i, time: f64(tOff + 8 * i))
        }
        // Metadata strings (best effort: a malformed tail costs metadata, not data).
        var strings: [String] = []
        var o = arraysEnd
        while strings.count < 12, o + 2 <= b.count {
            let len = Int(Int16(bitPattern: UInt16(b[o]) << 8 | UInt16(b[o + 1])))
            guard len >= 0, len <= 255, o + 2 + len <= b.count else { break }
            let raw = b[(o + 2)..<(o + 2 + len)]
            guard raw.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { break }
            strings.append(String(decoding: raw.map(swapCase), as: UTF8.self))
            o += 2 + len
        }
        var provenance = [
            "Zahner ISM version marker \(int48(0)), \(n) points",
            "Z = |Z|·exp(j·φ) with φ stored in radians",
            "metadata strings read: \(strings.count) (case-swapped ASCII)",
        ]
        var warnings: [String] = []
        if strings.count > 1, strings[1].lowercased() == "simulation" { warnings.append("simulated data (system string 'Simulation')") }
        var opts = options
        opts.splitSweeps = false
        provenance.append("one spectrum per file in file order (up-then-down sweeps are kept whole)")
        var spectra = SweepSplitter.split(rows, file: file, format: .zahnerISM, positions: .record, options: opts,
                                          provenance: provenance, warnings: warnings, technique: strings.count > 1 ? strings[1] : nil,
                                          startDate: strings.first.map { "\($0) (DDMMYY)" })
        for k in spectra.indices { spectra[k].metadata.startTime = nil }
        return spectra
    }

    static func swapCase(_ c: UInt8) -> UInt8 {
        if c >= 0x41 && c <= 0x5A { return c + 0x20 }
        if c >= 0x61 && c <= 0x7A { return c - 0x20 }
        return c
    }
}
