import Foundation
import Nyquist
import Numerics

/// Number and table formatting for terminal output.
enum Format {
    /// Up to 6 significant digits, `inf` for infinity.
    static func number(_ v: Double?) -> String {
        guard let v else { return "—" }
        if v == .infinity { return "inf" }
        if v == -.infinity { return "-inf" }
        if v.isNaN { return "nan" }
        return String(format: "%.6g", v)
    }

    static func padded(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}

/// The CSV `simulate` writes and every reader accepts.
enum SpectrumCSV {
    static func text(frequencies: [Double], impedances: [Complex<Double>]) -> String {
        var out = "freq_Hz,Z_re_Ohm,Z_im_Ohm\n"
        for (f, z) in zip(frequencies, impedances) { out += "\(f),\(z.real),\(z.imaginary)\n" }
        return out
    }
}
