import Foundation
import GRDB
import NyquistCircuit
import NyquistFit
@testable import NyquistStore
import NyquistTestSupport
import Testing

/// Fit warnings keep their codes and parameter names through the store and the export (issue 12, point 4).
@Suite struct WarningStoreTests {
    @Test func codesSurviveStoreAndExport() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The series has no inductance: L5 collapses towards 0.
        let circuit = try Circuit(parsing: "R1-p(R2,CPE2)-p(R3,CPE3)-W4-L5")
        var settings = CycleSeries.settings(circuit: circuit)
        settings.fit.method = .lm  // from the smart guess: enough here, and fast
        let out = try await CycleSeries.collect(
            BatchRunner(store: store, settings: settings),
            [BatchSeries(name: "cell", spectra: try CycleSeries.spectra(0..<1))])
        guard case .fitted(let result, _, _) = try #require(out.first).event else {
            Issue.record("not fitted: \(out)")
            return
        }
        #expect(result.parameter("L5")?.flag == .parameterCollapsed)

        let stored: String = try #require(try store.read { db in try String.fetchOne(db, sql: "SELECT warnings FROM fit") })
        #expect(FitWarning.fromStore(stored) == result.warnings)
        #expect(stored.contains("\"code\":\"parameter-collapsed\""))

        let table = try store.export()
        #expect(table.rows.first?.warnings == result.warnings)
        let csv = table.text(.csv).split(separator: "\n").map(String.init)
        #expect(csv[0].hasSuffix(",kk,kk_noise_percent,warnings"))
        #expect(csv[1].contains("parameter-collapsed:L5"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(table.text(.json).utf8)) as? [String: Any])
        let row = try #require((json["rows"] as? [[String: Any]])?.first)
        #expect((row["warnings"] as? String)?.split(separator: ";").contains("parameter-collapsed:L5") == true)
    }

    /// Stores written before the codes hold a JSON array of plain strings.
    @Test func oldPlainStringWarningsStillLoad() {
        #expect(FitWarning.fromStore("[\"Kramers–Kronig test failed: x\",\"y\"]")
            == [FitWarning(.other, "Kramers–Kronig test failed: x"), FitWarning(.other, "y")])
        #expect(FitWarning.fromStore("[]").isEmpty)
        #expect(FitWarning.fromStore("not json") == [FitWarning(.other, "not json")])
        #expect(FitWarning.exportText([FitWarning(.correlated, parameters: ["Q2", "n2"], "m"), FitWarning(.arcsReordered, "m")])
            == "correlated:Q2+n2;arcs-reordered")
    }
}
