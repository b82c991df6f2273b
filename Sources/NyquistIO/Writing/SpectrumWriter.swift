import Foundation

/// Writes spectra in the normalised form: frequency in Hz, Z′ and signed Z″ in Ω.
public enum SpectrumWriter {
    /// CSV with header `freq_Hz,Z_re_Ohm,Z_im_Ohm` (the form `nyquist simulate` writes and the CSV reader reads back).
    /// Several spectra are written one after another, separated by a blank line. Numbers use the shortest decimal
    /// form that round-trips to the same Double.
    public static func csv(_ spectra: [Spectrum]) -> String {
        var out = "freq_Hz,Z_re_Ohm,Z_im_Ohm\n"
        for (k, s) in spectra.enumerated() {
            if k > 0 { out += "\n" }
            for i in 0..<s.count {
                out += "\(s.frequencies[i]),\(s.impedances[i].real),\(s.impedances[i].imaginary)\n"
            }
        }
        return out
    }

    /// JSON: `{"spectra": [{"metadata": {…}, "frequency_Hz": […], "Z_re_Ohm": […], "Z_im_Ohm": […]}, …]}`.
    public static func json(_ spectra: [Spectrum]) -> String {
        struct Entry: Encodable {
            let metadata: SpectrumMetadata
            let frequency_Hz: [Double]
            let Z_re_Ohm: [Double]
            let Z_im_Ohm: [Double]
        }
        struct Document: Encodable { let spectra: [Entry] }
        let doc = Document(spectra: spectra.map {
            Entry(metadata: $0.metadata, frequency_Hz: $0.frequencies, Z_re_Ohm: $0.impedances.map(\.real),
                  Z_im_Ohm: $0.impedances.map(\.imaginary))
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(doc) else { return "{\"spectra\": []}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
