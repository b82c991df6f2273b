import Foundation
import Nyquist

/// Text and JSON renderings of a ``TrackingResult``.
enum TrackOutput {
    static func json(_ report: TrackingResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(report)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func table(_ report: TrackingResult) -> String {
        var out = "\(report.parameter) from \(report.source): \(report.points.count) points, clock = \(report.clock)\n"
        for s in report.skippedRows { out += "  skipped \(s)\n" }
        out += comparison(report.comparison, title: "Growth laws")
        if let other = report.compareComparison { out += comparison(other, title: "Growth laws (--compare cell)") }
        if let d = report.decomposition { out += decomposition(d) }
        if let p = report.pressure {
            out += "\nPressure: ΔP_osc = \(Format.number(p.oscillationMPa)) MPa, ΔP_decay = \(Format.number(p.decayMPa)) MPa"
            out += " → k_A = \(Format.number(p.stiffnessNPerMicrometre)) N/µm, ΔV_dec = "
            out += "\(Format.number(p.decompositionVolumeMm3)) mm³, f_dec = \(Format.number(100 * p.decomposedFraction)) %\n"
        }
        if let m = report.mechanisms { out += mechanisms(m) }
        if let f = report.fewPoints { out += fewPoints(f) }
        return out
    }

    static func comparison(_ c: GrowthLawComparison, title: String) -> String {
        var out = "\n\(title) (N = \(c.pointCount)):\n"
        if let refusal = c.refusal { out += "  model comparison refused: \(refusal)\n" }
        out += "  " + Format.padded("law", 20) + Format.padded("ΔAICc", 9) + Format.padded("weight", 9)
            + Format.padded("AIC", 10) + Format.padded("BIC", 10) + Format.padded("rel.RMS", 9) + "parameters\n"
        for e in c.entries {
            let name = "\(e.law.identifier) \(e.law.rawValue)"
            guard let fit = e.fit else {
                out += "  " + Format.padded(name, 20) + "failed: \(e.failure ?? "?")\n"
                continue
            }
            out += "  " + Format.padded(name, 20) + Format.padded(Format.number(e.deltaAICc), 9)
                + Format.padded(Format.number(e.akaikeWeight), 9) + Format.padded(Format.number(fit.aic), 10)
                + Format.padded(Format.number(fit.bic), 10) + Format.padded(Format.number(fit.relativeRMS), 9)
            out += fit.parameters.map { p in
                var s = "\(p.name) = \(Format.number(p.value))"
                if let se = p.standardError { s += " ± \(Format.number(se))" }
                s += " \(p.unit)"
                for interval in p.intervals {
                    if interval.kind == .profile, let profile = p.profile {
                        s += ", \(interval.label) " + profileText(profile)
                    } else {
                        s += ", " + intervalText(interval)
                    }
                }
                return s
            }.joined(separator: "; ")
            out += "\n"
            if let v = e.verdict, v != "best" { out += "      \(v)\n" }
            if let x = e.exclusion { out += "      not compared: \(x)\n" }
            for pair in fit.correlatedPairs {
                out += "      \(pair.first)/\(pair.second) correlated (\(Format.number(pair.correlation))): not separately identifiable\n"
            }
        }
        out += "  R = " + (c.entries.first.map { "\($0.law.formula) (\($0.law.identifier))" } ?? "-") + "\n"
        return out
    }

    /// "[lo, hi]" with "≤ limit (unbounded)" / "≥ limit (unbounded)" for sides without a crossing.
    static func profileText(_ p: ProfileInterval) -> String {
        let lower = p.lower.map(Format.number) ?? "unbounded" + (p.lowerLimit.map { " (≤ \(Format.number($0)))" } ?? "")
        let upper = p.upper.map(Format.number) ?? "unbounded" + (p.upperLimit.map { " (≥ \(Format.number($0)))" } ?? "")
        return "[\(lower), \(upper)]"
    }

    /// "KIND [lo, hi]" (e.g. "t 95 % [−8.1, 116.3]"), with the interval's note (estimate outside) appended.
    static func intervalText(_ i: ConfidenceInterval, unit: String = "") -> String {
        let side = { (v: Double?) in v.map(Format.number) ?? "unbounded" }
        var s = "\(i.label) [\(side(i.low)), \(side(i.high))]\(unit)"
        if let note = i.note { s += " (note: \(note))" }
        return s
    }

    static func fewPoints(_ f: FewPointAnalysis) -> String {
        var out = "\nFew-point analysis (fewer than \(FewPointAnalysis.minimumPoints) points; cycle numbers as clock):\n"
        for c in f.cells {
            out += "  \(c.name): N = \(c.pointCount), Δln R = \(Format.number(c.logChange)) ± "
                + "\(Format.number(c.logChangeStandardError)) (cycles \(Format.number(c.firstCycle))→\(Format.number(c.lastCycle)))"
            if let p = c.twoPointExponent, let se = c.exponentStandardError {
                out += ", two-point exponent p = \(Format.number(p)) ± \(Format.number(se))"
            }
            out += "\n"
        }
        if let did = f.differenceInDifferences, let se = f.differenceStandardError {
            out += "  difference in differences Δln R(1) − Δln R(2) = \(Format.number(did)) ± \(Format.number(se))\n"
        }
        if let bound = f.breathingBoundPercent {
            out += "  log breathing bound (cell 2 as no-decomposition control): breathing ≤ \(Format.number(bound)) % of Δln R(1)\n"
        }
        for n in f.notComputed { out += "  not computed: \(n)\n" }
        for n in f.notes { out += "  note: \(n)\n" }
        return out
    }

    static func decomposition(_ d: DecompositionTrack) -> String {
        var out = "\nDecomposition (z = \(Format.number(d.cell.electrons)), N_SE = \(Format.number(d.cell.seMicromoles)) µmol, "
        out += "full oxidation \(Format.number(d.cell.fullOxidationChargeMAh)) mAh, ASR_ct = \(Format.number(d.chargeTransferASR)) Ω cm²):\n"
        let healing = d.cell.creepTimeHours != nil
        let percolation = d.cell.isCarbonFree
        let drift = d.rows.contains { $0.predictedPressureDriftMPa != nil }
        out += "  cycle  q_side/mAh  N_dec/µmol  f_dec/%   L/nm     V_dec/mm³  V_br/mm³  θ/θ0    φ_dead  R3_chem/Ω  R3/Ω"
        if healing { out += "       V_heal/mm³" }
        if percolation { out += "  σe/σe,CAM" }
        if drift { out += "  ΔP_drift/MPa" }
        out += "\n"
        for r in d.rows {
            let cells = [
                Format.padded(String(r.cycle), 7), Format.padded(Format.number(r.sideChargeMAh), 12),
                Format.padded(Format.number(r.decomposedMicromoles), 12),
                Format.padded(Format.number(100 * r.decomposedFraction), 9), Format.padded(Format.number(r.interphaseNm), 9),
                Format.padded(Format.number(r.decompositionVoidMm3), 11), Format.padded(Format.number(r.breathingVoidMm3), 10),
                Format.padded(Format.number(r.contactRatio), 8), Format.padded(Format.number(r.deadFraction), 8),
                Format.padded(Format.number(r.predictedChemicalR3), 11),
            ]
            var line = "  " + cells.joined()
            if healing || percolation || drift { line += Format.padded(Format.number(r.predictedR3), 11) } else {
                line += Format.number(r.predictedR3)
            }
            if healing { line += Format.padded(Format.number(r.healedVoidMm3), 12) }
            if percolation { line += Format.padded(Format.number(r.electronicConductivityRatio), 11) }
            if drift { line += Format.number(r.predictedPressureDriftMPa) }
            out += line + "\n"
        }
        for n in d.notes { out += "  note: \(n)\n" }
        return out
    }

    static func mechanisms(_ m: MechanismAnalysis) -> String {
        var out = "\nMechanism models (joint fit, shared σ_int, β, η):\n"
        if let r = m.refusal { out += "  model comparison refused: \(r)\n" }
        for f in m.fits {
            let p = f.parameters
            out += "  " + Format.padded(f.model.rawValue, 20) + "ΔAICc " + Format.padded(Format.number(f.deltaAICc), 9)
                + "weight " + Format.padded(Format.number(f.akaikeWeight), 9)
                + "σ_int = \(Format.number(p.interphaseConductivity)) S/cm, β = \(Format.number(p.voidShare)), "
                + "η = \(Format.number(p.ratchet)), ASR_ct = \(p.chargeTransferASR.map(Format.number).joined(separator: "/")) Ω cm²\n"
        }
        for a in m.attributions {
            out += "  \(a.cell): Δln R3 = \(Format.number(a.observedLogChange)) (cycles \(Format.number(a.firstCycle))→\(Format.number(a.lastCycle)))\n"
            for s in a.shares {
                var line = "    " + Format.padded(s.mechanism, 22) + Format.padded(Format.number(s.percent) + " %", 12)
                if let interval = s.interval { line += intervalText(interval, unit: " %") }
                out += line + "\n"
            }
        }
        if let did = m.differenceInDifferences, let se = m.differenceStandardError {
            out += "  difference in differences Δln R3(1) − Δln R3(2) = \(Format.number(did)) ± \(Format.number(se))\n"
        }
        if let best = m.bestModel { out += "  best supported: \(best.rawValue)\n" }
        return out
    }
}
