import Foundation
import Numerics
import NyquistIO

extension NyquistPlot {
    /// The zoom rule: with the finite points sorted by frequency, high to low, let E be the largest |Z| of the
    /// high-frequency half (the first ⌈n/2⌉ points). When the largest |Z| of all points exceeds 10 E and the points
    /// with |Z| > 1.5 E form a steep capacitive tail — their Z′ span is less than half their −Z″ span (steeper
    /// than 63°, as a blocking electrode's) — the axes cover only the points with |Z| ≤ 1.5 E. nil (no zoom)
    /// otherwise: a large low-frequency arc (Z′ span ≈ 2 × −Z″ span) or a 45° diffusion line is data to show, not
    /// a tail to cut; also with fewer than 6 points.
    public static func zoom(_ spectrum: Spectrum) -> NyquistZoom? {
        let points = zip(spectrum.frequencies, spectrum.impedances)
            .filter { $0.0.isFinite && $0.0 > 0 && $0.1.real.isFinite && $0.1.imaginary.isFinite }
            .sorted { $0.0 > $1.0 }
        guard points.count >= 6 else { return nil }
        let half = points.prefix((points.count + 1) / 2)
        guard let e = half.map({ $0.1.length }).max(), e > 0,
              let top = points.map({ $0.1.length }).max(), top > 10 * e else { return nil }
        let limit = 1.5 * e
        let hidden = points.filter { $0.1.length > limit }
        let re = hidden.map(\.1.real), im = hidden.map { -$0.1.imaginary }
        guard let r0 = re.min(), let r1 = re.max(), let i0 = im.min(), let i1 = im.max(),
              r1 - r0 < 0.5 * (i1 - i0) else { return nil }
        return NyquistZoom(modulusLimit: limit, hidden: hidden.count, total: points.count,
                           hiddenBelow: hidden.map(\.0).max() ?? 0)
    }
}
