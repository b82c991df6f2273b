import Foundation
import Numerics
import NyquistIO

// The one place the batch runner reads spectrum files. A stand-in until `SpectrumFile.read(path:)` of NyquistIO is
// available: swap the body of `loadSpectra(path:)` (and `spectrumFileExtensions`) for the real reader.

/// File extensions a directory scan picks up.
let spectrumFileExtensions = ["csv"]

/// Reads every spectrum in the file at `path`.
///
/// Understands the plain CSV `freq_Hz,Z_re_Ohm,Z_im_Ohm` (one spectrum; Z_im is the signed Z″ in Ω) and the
/// multi-spectrum form with a leading `spectrum` or `cycle` column: a new spectrum starts whenever that column's
/// value changes; a `cycle` value becomes the spectrum's ``SpectrumMetadata/cycleLabel``.
func loadSpectra(path: String) throws(BatchInputError) -> [Spectrum] {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
        throw .unreadable(path: path, reason: error.localizedDescription)
    }
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        .map { (number: $0.offset + 1, text: $0.element.trimmingCharacters(in: .whitespaces)) }
        .filter { !$0.text.isEmpty && !$0.text.hasPrefix("#") }
    guard let header = lines.first else { throw .noData(path: path) }
    lines.removeFirst()
    let names = header.text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    let keyColumn: String?
    switch names {
    case ["freq_hz", "z_re_ohm", "z_im_ohm"]: keyColumn = nil
    case ["spectrum", "freq_hz", "z_re_ohm", "z_im_ohm"]: keyColumn = "spectrum"
    case ["cycle", "freq_hz", "z_re_ohm", "z_im_ohm"]: keyColumn = "cycle"
    default: throw .unknownHeader(path: path, line: header.number, found: header.text)
    }
    guard !lines.isEmpty else { throw .noData(path: path) }
    let width = names.count
    var spectra: [Spectrum] = []
    var f: [Double] = [], z: [Complex<Double>] = []
    var key: Int?, firstLine = 0, lastLine = 0
    func finish() {
        guard !f.isEmpty else { return }
        var meta = SpectrumMetadata(index: spectra.count, sourceFile: path, rowRange: firstLine...lastLine, format: "csv")
        if keyColumn == "cycle" { meta.cycleLabel = key }
        meta.provenance = ["CSV freq_Hz,Z_re_Ohm,Z_im_Ohm: Z_im taken as the signed Z″"]
            + (keyColumn.map { ["a new spectrum starts where the '\($0)' column changes"] } ?? [])
        spectra.append(Spectrum(frequencies: f, impedances: z, metadata: meta))
        f = []; z = []
    }
    for line in lines {
        let fields = line.text.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count == width else {
            throw .wrongFieldCount(path: path, line: line.number, expected: width, found: fields.count)
        }
        var values: [Double] = []
        for (c, field) in fields.enumerated() {
            let t = field.trimmingCharacters(in: .whitespaces)
            guard let v = Double(t), v.isFinite else {
                throw .invalidNumber(path: path, line: line.number, column: c + 1, text: t)
            }
            values.append(v)
        }
        if keyColumn != nil {
            guard let k = Int(exactly: values[0]) else {
                throw .invalidNumber(path: path, line: line.number, column: 1, text: String(fields[0]))
            }
            if k != key { finish(); key = k; firstLine = line.number }
            values.removeFirst()
        } else if f.isEmpty { firstLine = line.number }
        lastLine = line.number
        f.append(values[0])
        z.append(Complex(values[1], values[2]))
    }
    finish()
    return spectra
}
