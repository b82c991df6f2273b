import ArgumentParser
import Foundation
import Nyquist

/// `--circuit NAME|STRING|FILE` with `--param`, `--fix` and `--bound`, shared by simulate, fit and plot.
struct CircuitOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A named model (see `nyquist circuits`), a .circuit file, or a circuit in impedance.py, CDC or EC-Lab syntax.",
        valueName: "name|string"))
    var circuit: String

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "A parameter value in its physical unit, e.g. R1=20 (Ω) or Q2=1e-9 (F·s^(n−1)). Repeatable.",
        valueName: "name=value"))
    var param: [String] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Fix a parameter, at a value (n2=1) or at its start (n2). Repeatable.", valueName: "name[=value]"))
    var fix: [String] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Bounds of a parameter, e.g. R3=1:1000 (inf allowed). Repeatable.", valueName: "name=lower:upper"))
    var bound: [String] = []

    @OptionGroup var library: CircuitLibraryOptions

    /// The circuit and the parameter table with every option applied (``CircuitCatalog/resolve(_:startsAreGiven:)``
    /// then ``ParameterOverrides/applied(to:)``).
    /// - Parameter namedStartsAreGiven: whether a named model's start values count as given (simulate) or only as
    ///   defaults the fit may replace by its own guess.
    func resolve(namedStartsAreGiven: Bool) throws -> (Circuit, ParameterTable) {
        let resolved = try library.resolve(self.circuit, startsAreGiven: namedStartsAreGiven)
        return (resolved.circuit, try ParameterOverrides(param: param, bound: bound, fix: fix).applied(to: resolved.parameters))
    }
}
