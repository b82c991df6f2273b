import Foundation
import Testing
@testable import NyquistIO

/// Every crash the fuzzer found (Fixtures/fuzz-regressions) must now read or throw a typed error.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let folder = SharedData.testsDirectory.appendingPathComponent("Fixtures/fuzz-regressions").path

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".bin") }.sorted()
    }

    @Test("Former crash inputs", arguments: cases)
    func regression(_ name: String) throws {
        let format = try #require(FileFormat(rawValue: String(name.split(separator: "--")[0])))
        let bytes = try SpectrumFile.loadBytes(path: Self.folder + "/" + name)
        do {
            let spectra = try SpectrumFile.read(bytes: bytes, name: name, format: format)
            #expect(spectra.allSatisfy { $0.frequencies.count == $0.impedances.count })
        } catch {
            #expect(!error.description.isEmpty)
        }
    }

    @Test("Gamry: a ZCURVE names line as the last line")
    func gamryTableAtEnd() {
        #expect(throws: Never.self) {
            _ = try? SpectrumFile.read(bytes: Array("EXPLAIN\nZCURVE\tTABLE\n\tPt\tFreq\tZreal\tZimag".utf8), name: "g", format: .gamryDTA)
        }
    }
}
