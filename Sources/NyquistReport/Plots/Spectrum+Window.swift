import NyquistFit
import NyquistIO

extension Spectrum {
    /// The points inside `window` (point range first, then fmin ≤ f ≤ fmax, inclusive, in Hz), in file order, with
    /// their σ and the metadata kept: what `plot --fmin/--fmax` draws, the same rule `fit` applies.
    public func windowed(_ window: FrequencyWindow) -> Spectrum {
        var keep = Array(0..<count)
        if let r = window.points { keep = keep.filter { r.contains($0) } }
        if let lo = window.minimumFrequency { keep = keep.filter { frequencies[$0] >= lo } }
        if let hi = window.maximumFrequency { keep = keep.filter { frequencies[$0] <= hi } }
        return Spectrum(frequencies: keep.map { frequencies[$0] }, impedances: keep.map { impedances[$0] },
                        sigma: sigma.map { s in keep.map { $0 < s.count ? s[$0] : .nan } }, metadata: metadata)
    }
}
