import Numerics
import NyquistIO
import NyquistFit
import NyquistReport
import NyquistTestSupport
import Testing

/// Golden geometry: ranges, ticks and scales read from the layout objects (hand-derived expectations).
@Suite("Plot layout geometry")
struct LayoutGeometryTests {
    @Test("1-2-5 steps", arguments: [(0.7, 1.0), (1.0, 1.0), (1.3, 2.0), (2.0, 2.0), (3.1, 5.0), (7.0, 10.0),
                                     (0.013, 0.02), (420.0, 500.0)])
    func niceStep(raw: Double, expected: Double) {
        #expect(abs(NiceTicks.step(for: raw) - expected) <= expected * 1e-12)
    }

    @Test("linear axis widens to whole steps: 3.2…47.9 with ~6 ticks → 0…50 by 10")
    func linearAxis() {
        let a = Axis.linear(3.2, 47.9, target: 6, title: "R", unit: "Ω")
        #expect(a.lower == 0 && a.upper == 50)
        #expect(a.ticks == [0, 10, 20, 30, 40, 50])
    }

    @Test("log axis widens to decades: 0.013…2.1e5 Hz → 10 mHz…1 MHz, decade ticks, prefixed labels, unit on caption")
    func logAxis() {
        let a = Axis.logarithmic(0.013, 2.1e5, title: "f", unit: "Hz")
        #expect(abs(a.lower - 0.01) < 1e-15 && abs(a.upper - 1e6) < 1e-6)
        #expect(a.ticks.count == 9)
        #expect(a.ticks.map(a.label) == ["10m", "100m", "1", "10", "100", "1k", "10k", "100k", "1M"])
        #expect(a.caption == "f / Hz")
        #expect(a.minorTicks.count == 8 * 8)
    }

    @Test("engineering labels")
    func engineering() {
        #expect(Engineering.format(1500, unit: "Ω") == "1.5 kΩ")
        #expect(Engineering.format(0.02, unit: "Ω") == "20 mΩ")
        #expect(Engineering.format(2.5e6, unit: "Ω") == "2.5 MΩ")
        #expect(Engineering.format(4.7e-6, unit: "F") == "4.7 µF")
        #expect(Engineering.format(999.96, unit: "Hz") == "1 kHz")
        #expect(Engineering.format(-50, unit: "Ω") == "−50 Ω")
        #expect(Engineering.format(0, unit: "Ω") == "0 Ω")
    }

    @Test("Nyquist: one Ω has the same length on both axes, all data inside, common tick step")
    func nyquistEqualAspect() {
        // A semicircle R = 100 Ω from 10 Ω: Z′ ∈ [10, 110], −Z″ ∈ [0, 50].
        let f = (0...40).map { Double.pow(10, 4 - Double($0) / 8) }
        let z = f.map { f -> Complex<Double> in Complex(10, 0) + Complex(100, 0) / Complex(1, 2 * .pi * f * 1e-3) }
        let options = PlotOptions(width: 720, height: 540)
        let p = NyquistPlot.layout(spectrum: Spectrum(frequencies: f, impedances: z), options: options)
        #expect(abs(p.xPixelsPerUnit - p.yPixelsPerUnit) <= 1e-9 * p.xPixelsPerUnit)
        // Plot area 720 − 84 − 24 = 612 px wide, 540 − 20 − 56 = 464 px high.
        #expect(p.area.width == 612 && p.area.height == 464)
        // x range (≈ [10.03, 109.99]) padded 4 % each side → ≈ 108 Ω → 612/width px/Ω limits (y needs ≈ 52 Ω).
        let x0 = z.map(\.real).min()!, x1 = z.map(\.real).max()!
        let width = (x1 - x0) * 1.08
        #expect(abs(p.xPixelsPerUnit - 612.0 / width) < 1e-9)
        #expect(abs(p.x.lower - (x0 - 0.04 * (x1 - x0))) < 1e-9 && abs(p.x.upper - (x1 + 0.04 * (x1 - x0))) < 1e-9)
        #expect(p.y.lower == 0 && abs(p.y.upper - 464.0 * width / 612.0) < 1e-9)
        // Step: nice(max(108, 81.9)/7 = 15.4) = 20 Ω on both axes.
        #expect(p.x.ticks == [20, 40, 60, 80, 100])
        #expect(p.y.ticks == [0, 20, 40, 60, 80])
        for v in z {
            #expect(v.real >= p.x.lower && v.real <= p.x.upper && -v.imaginary >= p.y.lower && -v.imaginary <= p.y.upper)
        }
    }

    @Test("Bode: panels stacked with one shared decade axis; phase axis covers 0 and the minimum")
    func bode() {
        let f = [1e5, 1e3, 10, 0.1]
        let z = [Complex<Double>(10, -1), Complex(50, -40), Complex(100, -5), Complex(101, -0.5)]
        let (mag, ph) = BodePlot.layout(spectrum: Spectrum(frequencies: f, impedances: z))
        #expect(mag.x == ph.x)
        #expect(abs(mag.x.lower - 0.1) < 1e-15 && abs(mag.x.upper - 1e5) < 1e-9)
        #expect(mag.area.maxY < ph.area.y)
        #expect(abs(mag.y.lower - 10) < 1e-12 && abs(mag.y.upper - 1000) < 1e-9)  // |Z| 10.05…101 Ω
        // Most negative phase: atan2(−40, 50) = −38.66° → axis −40…0 by 10.
        #expect(ph.y.lower == -40 && ph.y.upper == 0 && ph.y.ticks == [-40, -30, -20, -10, 0])
    }

    @Test("series plot: x and y ranges include error bars and the confidence band")
    func series() {
        let s = SeriesData(name: "A", x: [1, 2, 3], y: [10, 12, 14], yLower: [9, 11, 13], yUpper: [11, 13, 15])
        let m = SeriesModel(name: "m", x: [0, 4], y: [9, 17], yLower: [7, 15], yUpper: [11, 19])
        let p = SeriesPlot.layout(series: [s], models: [m], yTitle: "R", yUnit: "Ω")
        #expect(p.x.lower == 0 && p.x.upper == 4)
        // y data 7…19 → step nice(12/6 = 2) = 2 → 6…20.
        #expect(p.y.lower == 6 && p.y.upper == 20)
    }

    @Test("series plot: the ranges cover the bands of every model, not only the first")
    func seriesTwoModels() {
        let a = SeriesData(name: "A", x: [1, 2, 3], y: [10, 12, 14], yLower: [9, 11, 13], yUpper: [11, 13, 15])
        let b = SeriesData(name: "B", x: [1, 2, 3], y: [23, 24, 25])
        let ma = SeriesModel(name: "a", x: [0, 4], y: [9, 17], yLower: [7, 15], yUpper: [11, 19], series: "A")
        let mb = SeriesModel(name: "b", x: [2, 6], y: [22, 28], yLower: [21, 26], yUpper: [23, 29], series: "B")
        let p = SeriesPlot.layout(series: [a, b], models: [ma, mb], yTitle: "R", yUnit: "Ω")
        // x 0…6 (model b reaches 6): step nice(6/8 = 0.75) = 1 → 0…6.
        #expect(p.x.lower == 0 && p.x.upper == 6)
        // y 7 (band a) … 29 (band b): step nice(22/6 = 3.7) = 5 → 5…30.
        #expect(p.y.lower == 5 && p.y.upper == 30)
        // Without model b the top would be series B's 25: step nice(18/6 = 3) = 5 → 5…25.
        let first = SeriesPlot.layout(series: [a, b], models: [ma], yTitle: "R", yUnit: "Ω")
        #expect(first.y.lower == 5 && first.y.upper == 25)
    }

    @Test("linear captions carry the unit and the engineering prefix of the ticks; ticks are bare numbers")
    func captions() {
        let q = Axis.linear(21e-6, 25e-6, target: 6, title: "Q2", unit: "F·s^(n−1)")
        #expect(q.caption == "Q2 / µF·s^(n−1)")
        #expect(q.ticks.map(q.label) == ["21", "22", "23", "24", "25"])
        let r = Axis.linear(0, 1800, target: 6, title: "Z′", unit: "Ω")  // step 500 → 0…2000, top tick 2 kΩ
        #expect(r.caption == "Z′ / kΩ" && r.ticks.map(r.label) == ["0", "0.5", "1", "1.5", "2"])
        let n = Axis.linear(0, 3000, target: 3, title: "count", unit: "")
        #expect(n.caption == "count / 10³" && n.ticks.map(n.label) == ["0", "1", "2", "3"])
        let phase = Axis.linear(-90, 0, target: 5, title: "phase", unit: "°", engineering: false)
        #expect(phase.caption == "phase / °" && phase.label(-60) == "−60")
        let f = [1e5, 1e3, 10, 0.1]
        let z = [Complex<Double>(10, -1), Complex(50, -40), Complex(100, -5), Complex(101, -0.5)]
        let s = Spectrum(frequencies: f, impedances: z)
        let (mag, ph) = BodePlot.layout(spectrum: s)
        #expect(mag.x.caption == "f / Hz" && mag.y.caption == "|Z| / Ω" && ph.y.caption == "phase / °")
        let p = NyquistPlot.layout(spectrum: s)
        #expect(p.x.caption == "Z′ / Ω" && p.y.caption == "−Z″ / Ω")
    }

    @Test("Bode: the model line is drawn after (above) the data markers of each panel")
    func bodeModelAbove() throws {
        let f = [1e5, 1e3, 10, 0.1]
        let z = [Complex<Double>(10, -1), Complex(50, -40), Complex(100, -5), Complex(101, -0.5)]
        let svg = BodePlot.svg(spectrum: Spectrum(frequencies: f, impedances: z), model: z)
        let groups = svg.components(separatedBy: "<g clip-path").dropFirst()
        #expect(groups.count == 2)
        for part in groups {
            let g = try #require(part.components(separatedBy: "</g>").first)
            let line = try #require(g.range(of: "<polyline")), lastMarker = try #require(g.range(of: "<circle", options: .backwards))
            #expect(line.lowerBound > lastMarker.lowerBound)
        }
    }

    @Test("Nyquist explicit limits: --xlim alone keeps one Ω the same length, both are exact")
    func nyquistLimits() {
        let f = (0...40).map { Double.pow(10, 4 - Double($0) / 8) }
        let z = f.map { f -> Complex<Double> in Complex(10, 0) + Complex(100, 0) / Complex(1, 2 * .pi * f * 1e-3) }
        let s = Spectrum(frequencies: f, impedances: z)
        let p = NyquistPlot.layout(spectrum: s, view: NyquistView(xLimits: 0...60))
        #expect(p.x.lower == 0 && p.x.upper == 60 && p.y.lower == 0)
        #expect(abs(p.xPixelsPerUnit - p.yPixelsPerUnit) <= 1e-9 * p.xPixelsPerUnit)
        #expect(abs(p.y.upper - 60 * p.area.height / p.area.width) < 1e-9)
        let q = NyquistPlot.layout(spectrum: s, view: NyquistView(xLimits: 0...60, yLimits: -5...30))
        #expect(q.x.lower == 0 && q.x.upper == 60 && q.y.lower == -5 && q.y.upper == 30)
        // A plain arc (max |Z| 110 Ω ≤ 10 × its high-frequency half's) is never zoomed.
        #expect(NyquistPlot.zoom(s) == nil)
    }

    @Test("frequency window keeps fmin ≤ f ≤ fmax in file order")
    func window() {
        let s = Spectrum(frequencies: [1000, 100, 10, 1], impedances: [Complex(1, 0), Complex(2, 0), Complex(3, 0),
                                                                       Complex(4, 0)])
        let w = s.windowed(FrequencyWindow(minimumFrequency: 5, maximumFrequency: 100))
        #expect(w.frequencies == [100, 10] && w.impedances.map(\.real) == [2, 3])
    }

    @Test("blocking electrode (LPSCl, −25 °C): auto zoom on the ~1.5 kΩ arcs, 37 tail points outside")
    func blockingZoom() throws {
        // The shipped sample (a byte copy of shared/eis-data/hybrid-drt's), so the test always runs.
        let s = try #require(try SpectrumFile.read(
            path: RepositoryPaths.root.appendingPathComponent("samples/PEIS_LPSCl_IonBlocking_-25C.mpr").path).first)
        #expect(s.count == 79)
        // High-frequency half: the 40 points 7 MHz…837 Hz; the largest |Z| among them is the last,
        // |1953 − 2658j| ≈ 3298 Ω → limit 1.5 × 3298 ≈ 4948 Ω. Kept: down to 527 Hz (|2208 − 3984j| = 4555 Ω);
        // 418 Hz (|2381 − 4866j| = 5417 Ω) and the 36 points below lie outside.
        let zoom = try #require(NyquistPlot.zoom(s))
        #expect(abs(zoom.modulusLimit - 1.5 * (1953.0 * 1953 + 2658.0 * 2658).squareRoot()) < 5)
        #expect(zoom.hidden == 37 && zoom.total == 79)
        #expect(abs(zoom.hiddenBelow - 418) < 1)
        let p = NyquistPlot.layout(spectrum: s)
        #expect(p.x.lower <= 359 && p.x.upper >= 2208 && p.y.upper >= 3984)
        #expect(p.x.upper < 10_000 && p.y.upper < 10_000)  // not the −4…+6.5 MΩ of the whole spectrum
        let all = NyquistPlot.layout(spectrum: s, view: NyquistView(autoZoom: false))
        #expect(all.y.upper >= 8.09e6)
        #expect(NyquistPlot.svg(spectrum: s).contains("37 of 79 points"))
    }

    @Test("no zoom when a large low-frequency arc, not a tail, dominates")
    func noZoomOnLargeArc() {
        // 10 Ω + 20 Ω ∥ 1 µF (fc ≈ 8 kHz) + 2 kΩ ∥ 0.5 mF (fc ≈ 0.16 Hz), 1 MHz…10 mHz at 10 per decade. The high-
        // frequency half (1 MHz…≈ 100 Hz) stays below ≈ 31 Ω, the largest |Z| ≈ 2 kΩ is 60× that — but the points
        // beyond 1.5 E are the big arc: Z′ spans ≈ 2 kΩ, −Z″ only ≈ 1 kΩ (its top), so it is shown whole.
        let f = (0...80).map { Double.pow(10, 6 - Double($0) / 10) }
        let z = f.map { f -> Complex<Double> in
            let w = 2 * Double.pi * f
            return Complex(10, 0) + Complex(20, 0) / Complex(1, w * 20e-6) + Complex(2000, 0) / Complex(1, w * 1.0)
        }
        let s = Spectrum(frequencies: f, impedances: z)
        #expect(NyquistPlot.zoom(s) == nil)
        #expect(NyquistPlot.layout(spectrum: s).x.upper >= 2010)
    }
}
