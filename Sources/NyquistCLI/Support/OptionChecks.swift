import ArgumentParser
import Nyquist
import NyquistText

/// Checks of option values shared by the commands' `validate()`. Each throws a `ValidationError` (exit 2) naming
/// the option, the rule and the value given.
enum OptionChecks {
    /// A number option's value through the one number parser (``NumberParser``), as `@Option(transform:)`: the
    /// same syntax as numbers in data files and circuits (spaces around it allowed, `inf`/`nan` spelled out; range
    /// rules are each option's own check).
    static func number(_ text: String) throws -> Double {
        guard let v = NumberParser.parse(text) else { throw ValidationError("'\(text)' is not a number") }
        return v
    }

    /// A frequency window: each limit finite and > 0 Hz, and `--fmin` below `--fmax`.
    static func frequencyWindow(fmin: Double?, fmax: Double?) throws {
        for (name, value) in [("--fmin", fmin), ("--fmax", fmax)] {
            if let v = value, !(v.isFinite && v > 0) {
                throw ValidationError("\(name) must be > 0 Hz, got \(Format.number(v))")
            }
        }
        if let lo = fmin, let hi = fmax, lo >= hi {
            throw ValidationError("--fmin \(Format.number(lo)) Hz must be below --fmax \(Format.number(hi)) Hz")
        }
    }

    /// A 0-based spectrum index: ≥ 0.
    static func spectrumIndex(_ index: Int?, option: String = "--spectrum") throws {
        if let i = index, i < 0 { throw ValidationError("\(option) must be a 0-based index ≥ 0, got \(i)") }
    }

    /// The spectrum `index` of a file holding `spectra`; a missing one is an option error (exit 2) naming the count.
    static func spectrum(_ index: Int, of spectra: [Spectrum], file: String) throws -> Spectrum {
        guard spectra.indices.contains(index) else {
            let count = spectra.count == 1 ? "1 spectrum, index 0" : "\(spectra.count) spectra"
            throw CLIFailure.usage("--spectrum \(index): \(file) holds \(count)")
        }
        return spectra[index]
    }

    /// A positive finite number.
    static func positive(_ value: Double?, _ option: String, unit: String = "") throws {
        if let v = value, !(v.isFinite && v > 0) {
            throw ValidationError("\(option) must be > 0\(unit.isEmpty ? "" : " " + unit), got \(Format.number(v))")
        }
    }

    /// A non-negative finite number.
    static func nonNegative(_ value: Double?, _ option: String) throws {
        if let v = value, !(v.isFinite && v >= 0) {
            throw ValidationError("\(option) must be ≥ 0, got \(Format.number(v))")
        }
    }
}
