import Foundation
@testable import NyquistStore
import Testing

@Suite struct InputTests {
    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func plainCSVIsOneSpectrumWithSignedImaginaryPart() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write("freq_Hz,Z_re_Ohm,Z_im_Ohm\n1000,10.5,-2.25\n100,12,-7.5\n", "a.csv", in: dir)
        let s = try loadSpectra(path: path)
        #expect(s.count == 1)
        #expect(s[0].frequencies == [1000, 100])
        #expect(s[0].impedances.map(\.real) == [10.5, 12])
        #expect(s[0].impedances.map(\.imaginary) == [-2.25, -7.5])
        #expect(s[0].metadata.rowRange == 2...3)
        #expect(s[0].metadata.cycleLabel == nil)
    }

    @Test func cycleColumnSplitsAndLabels() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write("""
            cycle,freq_Hz,Z_re_Ohm,Z_im_Ohm
            7,1000,1,-1
            7,100,2,-2
            9,1000,3,-3
            9,100,4,-4
            9,10,5,-5
            """, "multi.csv", in: dir)
        let s = try loadSpectra(path: path)
        #expect(s.map(\.count) == [2, 3])
        #expect(s.map(\.metadata.cycleLabel) == [7, 9])
        #expect(s.map(\.metadata.index) == [0, 1])
        #expect(s[1].metadata.rowRange == 4...6)
        let series = try BatchInput.series(from: [path])
        #expect(series.count == 1 && series[0].name == path && series[0].spectra.count == 2)
    }

    @Test func badFilesGiveTypedErrorsWithFileAndLine() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        /// The reader's one-line message must start with `file:line:`.
        func expectReaderError(_ path: String, line: Int) {
            do {
                _ = try loadSpectra(path: path)
                Issue.record("\(path) was accepted")
            } catch {
                guard case .reader = error else { Issue.record("unexpected \(error)"); return }
                #expect(error.description.hasPrefix("\(path):\(line):"), "\(error)")
            }
        }
        expectReaderError(try write("freq_Hz,Z_re_Ohm,Z_im_Ohm\n1,2,3\n10,x,3\n", "n.csv", in: dir), line: 3)
        let short = try write("freq_Hz,Z_re_Ohm,Z_im_Ohm\n1,2\n", "w.csv", in: dir)
        #expect(throws: BatchInputError.self) { try loadSpectra(path: short) }
        do { _ = try loadSpectra(path: short) } catch {
            #expect(error.description.hasPrefix(short + ": no impedance data"), "\(error)")
        }
        let nan = try write("freq_Hz,Z_re_Ohm,Z_im_Ohm\n1,nan,3\n", "nan.csv", in: dir)
        #expect(throws: BatchInputError.noData(path: nan)) { try loadSpectra(path: nan) }
        #expect(throws: BatchInputError.unreadable(path: dir.path + "/none", reason: "no such file or directory")) {
            try BatchInput.series(from: [dir.path + "/none"])
        }
    }

    /// A directory is one series ordered by cycle label, then file name with numbers compared as numbers.
    @Test func directoryOrder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = "freq_Hz,Z_re_Ohm,Z_im_Ohm\n1,1,-1\n"
        for name in ["c10.csv", "c2.csv", "c1.csv", ".hidden.csv"] { _ = try write(plain, name, in: dir) }
        _ = try write("Notes on cell 4: cycled at 0.1C.\n", "notes.txt", in: dir)
        // Two sweeps (the frequency resets), labelled 3 and 1: labels order the series, they do not split it.
        _ = try write("cycle,freq_Hz,Z_re_Ohm,Z_im_Ohm\n3,10,1,-1\n3,1,1,-1\n1,10,1,-1\n1,1,1,-1\n", "labelled.csv", in: dir)
        let series = try BatchInput.series(from: [dir.path])
        #expect(series.count == 1)
        let order = series[0].spectra.map { (($0.source.path as NSString).lastPathComponent, $0.spectrum.metadata.cycleLabel) }
        #expect(order.map(\.0) == ["labelled.csv", "labelled.csv", "c1.csv", "c2.csv", "c10.csv"])
        #expect(order.map(\.1) == [1, 3, nil, nil, nil])
        // Single-spectrum files given one by one are pooled into one series.
        let pooled = try BatchInput.series(from: [dir.path + "/c2.csv", dir.path + "/c10.csv", dir.path + "/c1.csv"])
        #expect(pooled.map(\.name) == ["files"])
        #expect(pooled[0].spectra.map { ($0.source.path as NSString).lastPathComponent } == ["c1.csv", "c2.csv", "c10.csv"])
        // The content hash is the SHA-256 of the bytes (value from `sha256sum`).
        #expect(pooled[0].spectra[0].source.contentHash == "1301db5da6eac957433d6463aba346faa0d36c7b172a6dd74eba18bb06439213")
        #expect(pooled[0].spectra[0].source.size == plain.utf8.count)
        #expect(throws: BatchInputError.emptyDirectory(path: dir.path + "/sub", extensions: spectrumFileExtensions)) {
            try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: true)
            _ = try BatchInput.series(from: [dir.path + "/sub"])
        }
    }

    /// NIST FIPS 180-4 example digests.
    @Test func sha256KnownAnswers() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
