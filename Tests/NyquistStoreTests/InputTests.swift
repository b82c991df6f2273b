import Foundation
import NyquistNumerics
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

    /// Lengths around the block and padding boundaries (bytes (7i + 3) mod 256), against Python's hashlib (values
    /// computed once: `hashlib.sha256(bytes((i*7+3)%256 for i in range(n))).hexdigest()`); the same from an array,
    /// an array slice and a non-contiguous collection.
    @Test func sha256BlockBoundaries() {
        let expected: [(Int, String)] = [
            (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
            (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
            (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
            (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
            (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
            (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
            (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
        ]
        for (n, hex) in expected {
            let bytes = (0..<n).map { UInt8(($0 * 7 + 3) % 256) }
            #expect(SHA256.hex(bytes) == hex, "n \(n)")
            #expect(SHA256.hex(([0xFF] + bytes)[1...]) == hex, "slice, n \(n)")
            #expect(SHA256.hex((0..<n).lazy.map { UInt8(($0 * 7 + 3) % 256) }) == hex, "lazy, n \(n)")
        }
    }

    /// The compression by the x86 SHA extensions (used when the CPU has them) and the one written in Swift give the
    /// same state on random messages of 1…40 blocks from random states.
    @Test func sha256HardwareEqualsSwift() {
        var g = SeededRandom(seed: 256)
        for blocks in 1...40 {
            let message = (0..<(64 * blocks)).map { _ in UInt8.random(in: 0...255, using: &g) }
            let start = (0..<8).map { _ in UInt32.random(in: 0...UInt32.max, using: &g) }
            var a = (start[0], start[1], start[2], start[3], start[4], start[5], start[6], start[7]), b = a
            let used = message.withUnsafeBufferPointer { m in
                (SHA256.digestBlocks(m, into: &a, hardware: true), SHA256.digestBlocks(m, into: &b, hardware: false))
            }
            #expect(used.0 == 64 * blocks && used.1 == 64 * blocks)
            #expect([a.0, a.1, a.2, a.3, a.4, a.5, a.6, a.7] == [b.0, b.1, b.2, b.3, b.4, b.5, b.6, b.7], "\(blocks) blocks")
        }
    }
}
