import Foundation

/// A constant-current protocol with linear voltage ramps whose per-cycle values are known by hand, and writers of
/// it in each cycler format.
///
/// Per cycle: rest 600 s at 3.0 V; charge at +1.5 mA for 7200 s with E rising linearly 3.6 → 4.2 V; discharge at
/// −1.2 mA for 8400 s with E falling linearly 4.2 → 3.5 V. Steps are recorded as two samples at the same time.
/// Hand-derived answers: Q_ch = 1.5·7200/3600 = 3.0 mAh, Q_dis = 1.2·8400/3600 = 2.8 mAh; above V (3.6 ≤ V ≤ 4.2):
/// charge 7200·(4.2 − V)/0.6 s, discharge 8400·(4.2 − V)/0.7 s, i.e. 24000·(4.2 − V) s in all per cycle:
/// 4/3 h at 4.0 V, 2/3 h at 4.1 V, 2 h at 3.9 V.
struct SyntheticCycling {
    struct Sample { var time: Double; var volts: Double; var milliamps: Double; var cycle: Int }

    static let chargeMAh = 3.0
    static let dischargeMAh = 2.8
    /// Hours above `volts` per cycle (valid for 3.6 ≤ V ≤ 4.2).
    static func hoursAbove(_ volts: Double) -> Double { 24000 * (4.2 - volts) / 3600 }

    var samples: [Sample] = []

    /// `cycles` cycles, ramps sampled every `step` s (plus both ends of each step). Cycle numbers count from
    /// `firstCycle`.
    init(cycles: Int, step: Double, firstCycle: Int = 0) {
        var t = 0.0
        for k in 0..<cycles {
            let c = firstCycle + k
            // Rest (still the previous cycle in the sign rule; the file's cycle column switches at the charge).
            for s in stride(from: 0.0, through: 600, by: 300) {
                samples.append(Sample(time: t + s, volts: 3.0, milliamps: 0, cycle: max(c - 1, firstCycle)))
            }
            t += 600
            ramp(from: t, duration: 7200, volts: (3.6, 4.2), milliamps: 1.5, step: step, cycle: c)
            t += 7200
            ramp(from: t, duration: 8400, volts: (4.2, 3.5), milliamps: -1.2, step: step, cycle: c)
            t += 8400
            samples.append(Sample(time: t, volts: 3.0, milliamps: 0, cycle: c))
        }
    }

    private mutating func ramp(
        from start: Double, duration: Double, volts: (Double, Double), milliamps: Double, step: Double, cycle: Int
    ) {
        var s = 0.0
        while true {
            let u = min(s, duration)
            samples.append(
                Sample(time: start + u, volts: volts.0 + (volts.1 - volts.0) * u / duration, milliamps: milliamps,
                       cycle: cycle))
            if u == duration { break }
            s += step
        }
    }

    /// EC-Lab text export (Modulo-Bat-like header and columns). `impedanceRows` EIS rows (freq/Hz > 0, absurd E and
    /// I) are inserted inside every rest; `comma` writes decimal commas; `crlf` ends lines with CR LF.
    func mpt(impedanceRows: Int = 0, comma: Bool = false, crlf: Bool = false) -> String {
        let columns = ["mode", "ox/red", "error", "Ns", "time/s", "control/V/mA", "Ewe/V", "I/mA", "dq/mA.h",
                       "(Q-Qo)/mA.h", "freq/Hz", "|Z|/Ohm", "Phase(Z)/deg", "Q charge/discharge/mA.h", "half cycle",
                       "Q discharge/mA.h", "Q charge/mA.h", "cycle number", ""]
        let header = [
            "EC-Lab ASCII FILE", "Nb header lines : 9", "", "Modulo Bat", "", "Run on channel : 1 (SN 0001)",
            "Acquisition started on : 01/02/2024 10:00:00.000", "Cycle Definition : Charge/Discharge alternance",
        ]
        var lines = header + [columns.joined(separator: "\t")]
        func number(_ v: Double) -> String {
            let s = String(format: "%.9E", v)
            return comma ? s.replacingOccurrences(of: ".", with: ",") : s
        }
        func row(_ s: Sample, freq: Double, volts: Double, milliamps: Double) -> String {
            let fields: [String] = [
                s.milliamps == 0 ? "3" : "1", s.milliamps > 0 ? "1" : "0", "0", "2", number(s.time), number(0),
                number(volts), number(milliamps), number(0), number(0), number(freq), number(0), number(0), number(0),
                "0", number(0), number(0), number(Double(s.cycle)),
            ]
            return fields.joined(separator: "\t") + "\t"
        }
        for (i, s) in samples.enumerated() {
            lines.append(row(s, freq: 0, volts: s.volts, milliamps: s.milliamps))
            // EIS rows between the first two rest samples of each rest, strictly inside the interval.
            if s.milliamps == 0, i + 1 < samples.count, samples[i + 1].milliamps == 0, samples[i + 1].time > s.time {
                for j in 0..<impedanceRows {
                    var e = s
                    e.time = s.time + Double(j + 1) * (samples[i + 1].time - s.time) / Double(impedanceRows + 1)
                    lines.append(row(e, freq: 1e5 / Double(j + 1), volts: 5.0, milliamps: 50))
                }
            }
        }
        return lines.joined(separator: crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n")
    }

    /// Gamry `.DTA` with an OCVCURVE table first (ignored) and one `CURVEn TABLE` per cycle whose clock restarts
    /// at 0 (T in s, Vf in V, Im in A).
    func dta(comma: Bool = false) -> String {
        var lines = ["EXPLAIN", "TAG\tCHRONOP", "TITLE\tLABEL\tCharge-Discharge\tTest &Identifier",
                     "DATE\tLABEL\t1/2/2024\tDate", "OCVCURVE\tTABLE\t2", "\tPt\tT\tVf\tVm\tAch\tOver",
                     "\t#\ts\tV vs. Ref.\tV\tV\tbits", "\t0\t0.5\t3.0\t3.0\t0\t...........",
                     "\t1\t1.0\t3.0\t3.0\t0\t..........."]
        func number(_ v: Double) -> String {
            let s = String(format: "%.10G", v)
            return comma ? s.replacingOccurrences(of: ".", with: ",") : s
        }
        let byCycle = Dictionary(grouping: samples.indices, by: { samples[$0].cycle })
        for (n, cycle) in byCycle.keys.sorted().enumerated() {
            let indices = byCycle[cycle] ?? []
            let t0 = samples[indices[0]].time
            lines.append("CURVE\(n + 1)\tTABLE\t\(indices.count)")
            lines.append("\tPt\tT\tVf\tIm\tVu\tSig\tAch\tIERange\tOver")
            lines.append("\t#\ts\tV vs. Ref.\tA\tV\tV\tV\t#\tbits")
            for (k, i) in indices.enumerated() {
                let s = samples[i]
                lines.append("\t\(k)\t\(number(s.time - t0))\t\(number(s.volts))\t\(number(s.milliamps / 1000))\t0\t0\t0\t8\t...........")
            }
        }
        lines.append("EXPERIMENTABORTED\tTOGGLE\tF\tExperiment Aborted")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Time-series CSV: `time_s,voltage_V,current_mA[,cycle]`, or with `european` `;`-separated, decimal commas,
    /// hours and amps (`time_h;Ewe/V;current_A`).
    func csv(cycleColumn: Bool, european: Bool = false) -> String {
        var lines = ["# synthetic cycling", european ? "time_h;Ewe/V;current_A" : "time_s,voltage_V,current_mA" + (cycleColumn ? ",cycle" : "")]
        for s in samples {
            if european {
                let f = [s.time / 3600, s.volts, s.milliamps / 1000].map {
                    String(format: "%.12g", $0).replacingOccurrences(of: ".", with: ",")
                }
                lines.append(f.joined(separator: ";"))
            } else {
                var f = [String(format: "%.12g", s.time), String(format: "%.12g", s.volts), String(format: "%.12g", s.milliamps)]
                if cycleColumn { f.append(String(s.cycle + 1)) }
                lines.append(f.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
