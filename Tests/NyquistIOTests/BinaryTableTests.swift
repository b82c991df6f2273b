import Foundation
import Testing
@testable import NyquistIO

/// The raw `.mpr` column table against galvani 0.5.0 (`MPRfile(path).data` and `get_flag`), values printed once
/// by Python and written here; plus typed errors for cut and unreadable files.
@Suite("BioLogic binary column table", .enabled(if: SharedData.available, SharedData.skipMessage))
struct BinaryTableTests {
    @Test func gcplColumnsMatchGalvani() throws {
        let table = try BioLogicBinaryTable.read(path: SharedData.path("galvani/col_27_issue_74.mpr"))
        // galvani's dtype names, with its packed `flags` byte split into the six flags the file lists.
        #expect(table.names == [
            "mode", "ox/red", "error", "control changes", "Ns changes", "counter inc.", "Ns", "time/s", "control/mA",
            "Ewe-Ece/V", "dq/mA.h", "(Q-Qo)/mA.h", "Ewe/V", "Ece/V", "I Range", "Q charge/discharge/mA.h",
            "half cycle", "Energy charge/W.h", "Energy discharge/W.h", "Capacitance charge/µF",
            "Capacitance discharge/µF",
        ])
        #expect(table.pointCount == 20 && table.values.allSatisfy { $0.count == 20 })
        #expect(table.column("(Q-Qo)/mA.h")?.last == -0.00893843498816424)
        #expect(table.column("Ewe/V")?[7] == 4.466882228851318)
        #expect(table.column("time/s")?[19] == 602.8864164884726)
        #expect(table.column("mode") == [3, 3, 3, 3, 3, 3] + Array(repeating: 1, count: 14))
        #expect(table.column("ox/red") == Array(repeating: 0, count: 20))
        #expect(table.column("half cycle") == Array(repeating: 0, count: 20))
        #expect(table.column("freq/Hz") == nil)
    }

    @Test func moduloBatFlagsAndCountersMatchGalvani() throws {
        let table = try BioLogicBinaryTable.read(path: SharedData.path("yadg/mb.mpr"))
        #expect(table.pointCount == 1588)
        #expect(table.column("ox/red")?.reduce(0, +) == 484)
        let mode = try #require(table.column("mode"))
        #expect(mode.filter { $0 == 1 }.count == 968 && mode.filter { $0 == 3 }.count == 620)
        #expect(table.column("counter inc.")?.reduce(0, +) == 794)
        #expect(table.column("half cycle")?.max() == 7)
        #expect(table.column("(Q-Qo)/mA.h")?[1000] == 0.002466140054195382)
        #expect(table.column("Q charge/discharge/mA.h")?[1000] == -9.330229179518453e-05)
        #expect(table.column("cycle number") == nil)
    }

    @Test func cutFilesGiveTypedErrors() throws {
        let bytes = try SpectrumFile.loadBytes(path: SharedData.path("yadg/mb.mpr"))
        for cut in [1, 30, 52, 60, 200, 2000, bytes.count / 2, bytes.count - 1] {
            do {
                _ = try BioLogicBinaryTable.read(bytes: Array(bytes[..<cut]), file: "cut.mpr")
                Issue.record("cut at \(cut) was accepted")
            } catch {
                #expect(error.file == "cut.mpr", "cut at \(cut)")
                switch error {
                case .truncated, .malformed: break
                default: Issue.record("cut at \(cut): \(error)")
                }
            }
        }
        #expect(throws: ReaderError.emptyFile(file: "e.mpr")) { try BioLogicBinaryTable.read(bytes: [], file: "e.mpr") }
    }
}
