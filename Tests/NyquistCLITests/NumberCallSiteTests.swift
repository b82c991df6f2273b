import Nyquist
import Testing
@testable import NyquistCLI

/// Issue 13, "one number parser": every place that used to read a user-supplied number with `Double(String)` now
/// reads it with NyquistText's `NumberParser`, through its own public API (or the CLI's option parsing). Each one
/// still accepts a plain decimal with an exponent and refuses text, and the ones that refused non-finite values
/// (overflow such as `1e400` reads as infinity) still refuse them. Expected values are the literals written.
@Suite("Number call sites read through NumberParser")
struct NumberCallSiteTests {
    @Test("CDC inline values: the grammar token")
    func cdcInline() throws {
        let t = ParameterTable(circuit: try Circuit(parsing: "R{R=1e-3}C{C= 2.5}", syntax: .cdc))
        #expect(t.values == [1e-3, 2.5])
        for (text, reason) in [("R{R=1e400}", "'1e400' is not a finite number"), ("R{R=abc}", "expected a number")] {
            do {
                _ = try Circuit(parsing: text, syntax: .cdc)
                Issue.record("\(text) accepted")
            } catch { #expect(error.description.contains(reason), "\(error)") }
        }
    }

    @Test("Named circuit files: START LOWER UPPER of a param line")
    func namedCircuitParam() throws {
        let model = try NamedCircuit(name: "x", source: "circuit R1\nparam R1 1e-3 0 inf\n", file: "x.circuit")
        let r = model.parameterTable(startsAreGiven: true)[0]
        #expect(r.value == 1e-3 && r.lower == 0 && r.upper == .infinity)
        for bad in ["1e400", "abc", "nan"] {
            do {
                _ = try NamedCircuit(name: "x", source: "circuit R1\nparam R1 \(bad) 0 inf\n", file: "x.circuit")
                Issue.record("\(bad) accepted")
            } catch { #expect(error.description == "x.circuit:2: '\(bad)' is not a number") }
        }
    }

    @Test("--param, --fix and --bound values")
    func parameterOverrides() throws {
        let start = ParameterTable(circuit: try Circuit(parsing: "RC", syntax: .cdc))
        let t = try ParameterOverrides(param: ["R1=1e-3"], bound: ["R1=0:1e400"], fix: ["C2= 2.5"]).applied(to: start)
        #expect(t.values == [1e-3, 2.5])
        #expect(t[0].upper == .infinity)  // overflow reads as infinity, as Double(String) read it
        #expect(throws: ParameterOverrideError.malformed(item: "--param R1=abc", expected: "NAME=VALUE with a number")) {
            try ParameterOverrides(param: ["R1=abc"]).applied(to: start)
        }
        #expect(throws: ParameterOverrideError.notANumber(item: "--fix R1=abc", text: "abc")) {
            try ParameterOverrides(fix: ["R1=abc"]).applied(to: start)
        }
    }

    @Test("drt:tau=T parameter selector")
    func drtTau() throws {
        #expect(try DRTPeakSelector(parsing: "drt:tau=1e-3") == .tau(1e-3))
        #expect(try DRTPeakSelector(parsing: "drt:tau= 2.5") == .tau(2.5))
        for bad in ["drt:tau=1e400", "drt:tau=abc", "drt:tau=nan", "drt:tau=-1"] {
            #expect(throws: StoreError.self, "\(bad)") { try DRTPeakSelector(parsing: bad) }
        }
    }

    @Test("--lambda of drt and --drt-lambda of batch")
    func lambdaOptions() throws {
        #expect(BatchCommand.drtLambda("1e-3") == .fixed(1e-3))
        #expect(BatchCommand.drtLambda(" 2.5") == .fixed(2.5))
        #expect(BatchCommand.drtLambda("gcv") == .gcv)
        for bad in ["1e400", "abc", "inf", "0"] { #expect(BatchCommand.drtLambda(bad) == nil, "\(bad)") }
        #expect(try DRTCommand.parse(["x.csv", "--lambda", "1e-3"]).lambdaSetting() == .fixed(1e-3))
        #expect(try DRTCommand.parse(["x.csv", "--lambda", " 2.5"]).lambdaSetting() == .fixed(2.5))
        for bad in ["1e400", "abc"] {
            #expect(throws: (any Error).self) { try DRTCommand.parse(["x.csv", "--lambda", bad]).lambdaSetting() }
        }
    }

    @Test("--xlim/--ylim of plot and --freq of simulate")
    func rangeOptions() throws {
        let plot = try PlotCommand.parse(["x.csv", "--output", "x.svg"])
        #expect(try plot.limits("--xlim", "1e-3: 2.5") == 1e-3...2.5)
        for bad in ["0:1e400", "abc:1"] { #expect(throws: (any Error).self) { try plot.limits("--xlim", bad) } }
        let grid = try SimulateCommand.grid("1e3: 1:10")
        #expect(grid.frequencies.count == 31 && grid.frequencies.first == 1000 && grid.frequencies.last == 1)
        for bad in ["1e400:1:10", "abc:1:10"] {
            #expect(throws: CLIFailure.self) { try SimulateCommand.grid(bad) }
        }
    }

    @Test("number options parsed by ArgumentParser: --fmin/--fmax, --width/--height, --extension, --max-noise, …")
    func argumentParserNumbers() throws {
        let fit = try FitCommand.parse(["x.csv", "--circuit", "R1", "--fmin", " 1e-3", "--fmax", "2.5"])
        #expect(fit.fmin == 1e-3 && fit.fmax == 2.5)
        let plot = try PlotCommand.parse(["x.csv", "--output", "x.svg", "--width", "1e3"])
        #expect(plot.width == 1000 && plot.height == 540)  // the default stays
        let validate = try ValidateCommand.parse(["x.csv", "--extension", "1", "--max-noise", "0.5"])
        #expect(validate.tauExtension == 1 && validate.maxNoise == 0.5)
        for bad in ["abc", "0x1p3", "1,5"] {
            #expect(throws: (any Error).self, "\(bad)") { try FitCommand.parse(["x.csv", "--circuit", "R1", "--fmin", bad]) }
        }
        // Range rules stay each command's own check: overflow reads as infinity, which --fmin refuses.
        #expect(try OptionChecks.number("1e400") == .infinity)
        #expect(throws: (any Error).self) { try FitCommand.parse(["x.csv", "--circuit", "R1", "--fmin", "1e400"]) }
    }

    @Test("negative option values attached before ArgumentParser sees them")
    func negativeNumbers() {
        for s in ["-1e-3", "-.5", "-inf", "-1e400"] { #expect(NyquistCommand.isNegativeNumber(s), "\(s)") }
        for s in ["-abc", "--fix", "-"] { #expect(!NyquistCommand.isNegativeNumber(s), "\(s)") }
    }
}
