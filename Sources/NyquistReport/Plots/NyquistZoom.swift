/// The automatic zoom of a Nyquist plot onto its arcs.
public struct NyquistZoom: Sendable, Hashable, Codable {
    /// Points with |Z| above this (Ω) lie outside the axes.
    public var modulusLimit: Double
    /// Number of data points outside the axes, and of all finite points.
    public var hidden: Int
    public var total: Int
    /// The highest frequency (Hz) among the hidden points.
    public var hiddenBelow: Double

    /// "zoomed on the arcs: 37 of 79 points (f ≤ 418 Hz, |Z| > 4.95 kΩ) lie outside; --no-zoom shows all".
    public var note: String {
        "zoomed on the arcs: \(hidden) of \(total) points (f ≤ \(Engineering.format(hiddenBelow, unit: "Hz")), "
            + "|Z| > \(Engineering.format(modulusLimit, unit: "Ω"))) lie outside; --no-zoom shows all"
    }
}
