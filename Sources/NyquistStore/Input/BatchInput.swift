import Foundation
import NyquistIO
import Synchronization

/// Where a spectrum's bytes came from: the file path, its size in bytes and the SHA-256 of its content.
///
/// The content hash, not the path or the modification time, decides whether a spectrum is already in the store.
public struct SourceFile: Sendable, Hashable, Codable {
    public var path: String
    public var size: Int
    /// SHA-256 of the file's bytes, 64 hexadecimal digits.
    public var contentHash: String

    public init(path: String, size: Int, contentHash: String) {
        self.path = path
        self.size = size
        self.contentHash = contentHash
    }
}

/// One spectrum of a series and the file it came from — or, with ``failure`` set, a file of the series that could
/// not be read (its `spectrum` is then an empty placeholder, index 0): the run stores it as a `failed` fit with that
/// reason, so it is counted, exported, and skipped on a rerun like any failed spectrum.
public struct BatchSpectrum: Sendable {
    public var spectrum: Spectrum
    public var source: SourceFile
    /// Why the file could not be read (the reader's message, naming file and line); nil for a real spectrum.
    public var failure: String?

    public init(spectrum: Spectrum, source: SourceFile, failure: String? = nil) {
        self.spectrum = spectrum
        self.source = source
        self.failure = failure
    }
}

/// An ordered series of spectra — one cell's cycling experiment. In sequential mode each spectrum starts from the
/// previous one's result, so the order matters; different series are independent and run in parallel.
public struct BatchSeries: Sendable {
    /// A name that identifies the series in the store and in exports (the directory or file it came from).
    public var name: String
    public var spectra: [BatchSpectrum]

    public init(name: String, spectra: [BatchSpectrum]) {
        self.name = name
        self.spectra = spectra
    }

    /// An in-memory series (generated or already read data). Each spectrum gets its own source entry,
    /// `memory:NAME#i`, hashed over its frequencies and impedances, so unchanged spectra are recognised on a rerun.
    public init(name: String, spectra: [Spectrum]) {
        self.name = name
        self.spectra = spectra.enumerated().map { i, s in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(24 * s.count)
            for (f, z) in zip(s.frequencies, s.impedances) {
                for v in [f, z.real, z.imaginary] { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
            }
            return BatchSpectrum(spectrum: s, source: SourceFile(path: "memory:\(name)#\(i)", size: bytes.count,
                                                                 contentHash: SHA256.hex(bytes)))
        }
    }
}

/// The series of a batch run and the input entries left out.
public struct BatchInputScan: Sendable {
    public var series: [BatchSeries]
    /// Entries that were not read, in input order (one line each for the user); not stored.
    public var skipped: [SkippedInput]
}

/// Turns command-line inputs into series.
public enum BatchInput {
    /// Reads `paths` into series (``scan(from:cycleFromName:)`` without the list of skipped entries).
    public static func series(from paths: [String], cycleFromName: CycleFromName = .standard)
        throws(BatchInputError) -> [BatchSeries]
    {
        try scan(from: paths, cycleFromName: cycleFromName).series
    }

    /// Reads `paths` into series:
    /// - a directory is one series of all its spectrum files (not recursive, hidden files skipped);
    /// - a file holding several spectra is one series;
    /// - files holding one spectrum each are pooled, in the order of the rules below, into one series named `files`.
    ///
    /// A spectrum whose file content gives no cycle label, alone in its file, takes the label `cycleFromName` reads
    /// from the file name (`cycle_012.csv` → 12 by default; never EC-Lab's `_C15`), noted in its provenance.
    ///
    /// Within a series spectra are sorted by cycle label (unlabelled last), then file name (digit runs compared as
    /// numbers: `c2` before `c10`), then start time, then position in the file.
    ///
    /// One bad entry never stops the scan:
    /// - a data file the readers reject (a bad line, a number out of range) becomes a ``BatchSpectrum`` with its
    ///   ``BatchSpectrum/failure`` in its series (a directory's, or `files` for a file given directly), stored as a
    ///   failed fit by the run;
    /// - an entry that cannot be read at all — empty, a FIFO, a socket or device, a broken symbolic link, no read
    ///   permission, a sub-directory of a directory — is listed in ``BatchInputScan/skipped`` with the cause, found
    ///   with `lstat`/`stat` before anything is opened (a FIFO is never opened);
    /// - in a directory, a file whose content holds no impedance table (notes, a README) is listed as skipped too.
    /// - Throws: ``BatchInputError/noInput``; ``BatchInputError/unreadable(path:reason:)`` for a path given directly
    ///   that does not exist or is not a regular file or directory (a typo should stop the run before it starts);
    ///   ``BatchInputError/emptyDirectory(path:extensions:)`` for a directory without any file of a spectrum kind.
    ///
    /// The files of a directory are read, hashed and parsed on up to `jobs` threads (nil: every core); the result
    /// does not depend on `jobs`.
    public static func scan(from paths: [String], cycleFromName: CycleFromName = .standard, jobs: Int? = nil)
        throws(BatchInputError) -> BatchInputScan
    {
        let jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        guard !paths.isEmpty else { throw .noInput }
        var scan = BatchInputScan(series: [], skipped: [])
        var pooled: [BatchSpectrum] = []
        for path in paths {
            switch InputEntry.classify(path) {
            case .problem(let reason):
                throw .unreadable(path: path, reason: reason)
            case .directory:
                let items = try scanDirectory(path, cycleFromName: cycleFromName, jobs: jobs, skipped: &scan.skipped)
                if !items.isEmpty { scan.series.append(BatchSeries(name: path, spectra: sorted(items))) }
            case .regularFile:
                let items = read(path, inDirectory: false, cycleFromName: cycleFromName, skipped: &scan.skipped)
                if items.count == 1 { pooled += items } else if !items.isEmpty {
                    scan.series.append(BatchSeries(name: path, spectra: sorted(items)))
                }
            }
        }
        if !pooled.isEmpty { scan.series.append(BatchSeries(name: "files", spectra: sorted(pooled))) }
        return scan
    }

    /// The spectra of the spectrum files in directory `path` (unsorted); entries that cannot be read go to
    /// `skipped` in name order. The entries are classified in name order, then the spectrum files are read on up to
    /// `jobs` threads, each into its own slot.
    static func scanDirectory(_ path: String, cycleFromName: CycleFromName, jobs: Int = 1,
                              skipped: inout [SkippedInput]) throws(BatchInputError) -> [BatchSpectrum]
    {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        var candidates = 0
        /// Per entry in name order: a reason it is skipped, or the path of a spectrum file to read.
        var entries: [(skip: SkippedInput?, file: String?)] = []
        for name in names.filter({ !$0.hasPrefix(".") }).map(NaturalOrderKey.init).sorted().map(\.name) {
            let entry = (path as NSString).appendingPathComponent(name)
            let isSpectrumFile = spectrumFileExtensions.contains((name as NSString).pathExtension.lowercased())
            if isSpectrumFile { candidates += 1 }
            switch InputEntry.classify(entry) {
            case .directory:
                entries.append((SkippedInput(path: entry, reason: "is a directory (not searched; give it as an input of its own)"), nil))
            case .problem(let reason):
                entries.append((SkippedInput(path: entry, reason: reason), nil))
            case .regularFile:
                if isSpectrumFile { entries.append((nil, entry)) }
            }
        }
        guard candidates > 0 else { throw .emptyDirectory(path: path, extensions: spectrumFileExtensions) }
        let files = entries.compactMap(\.file)
        let read = concurrentMap(files, jobs: jobs) { file in
            var skips: [SkippedInput] = []
            let items = Self.read(file, inDirectory: true, cycleFromName: cycleFromName, skipped: &skips)
            return (items, skips)
        }
        var items: [BatchSpectrum] = []
        var next = 0
        for e in entries {
            if let s = e.skip { skipped.append(s); continue }
            items += read[next].0
            skipped += read[next].1
            next += 1
        }
        return items
    }

    /// The spectra of the regular file at `path`, read once for both the content hash and the reader. A file the
    /// readers reject gives one placeholder with the reason; in a directory scan, a file whose content no reader
    /// recognises (notes, a README) is skipped instead. A file that cannot be read goes to `skipped`. A lone
    /// unlabelled spectrum, and the placeholder of a rejected file, take the cycle label of the file name by
    /// `cycleFromName`.
    static func read(_ path: String, inDirectory: Bool, cycleFromName: CycleFromName,
                     skipped: inout [SkippedInput]) -> [BatchSpectrum] {
        let bytes: [UInt8]
        switch InputEntry.readRegularFile(path) {
        case .success(let b): bytes = b
        case .failure(let s):
            skipped.append(s)
            return []
        }
        let source = SourceFile(path: path, size: bytes.count, contentHash: SHA256.hex(bytes))
        do {
            return cycleFromName.labelled(try loadSpectra(bytes: bytes, path: path), path: path)
                .map { BatchSpectrum(spectrum: $0, source: source) }
        } catch {
            if inDirectory, let reason = notImpedanceData(error) {
                skipped.append(SkippedInput(path: path, reason: "holds no impedance table (\(reason))"))
                return []
            }
            // Placed by its name's cycle label like the readable files beside it (stored failed with that label).
            let placeholder = cycleFromName.labelled([Spectrum(frequencies: [], impedances: [])], path: path)
            return placeholder.map { BatchSpectrum(spectrum: $0, source: source, failure: error.description) }
        }
    }

    /// The reason when `error` says the content is no impedance data at all (not a damaged data file).
    static func notImpedanceData(_ error: BatchInputError) -> String? {
        switch error {
        case .reader(let e):
            switch e {
            case .emptyFile, .unknownFormat, .noImpedanceData: return e.reason
            default: return nil
            }
        case .noData: return "no impedance spectrum"
        default: return nil
        }
    }

    static func sorted(_ items: [BatchSpectrum]) -> [BatchSpectrum] {
        // File-name keys built once per item, not once per comparison.
        let keys = items.map { NaturalOrderKey(($0.source.path as NSString).lastPathComponent) }
        let order = items.indices.sorted { i, j in
            let a = items[i], b = items[j]
            let ma = a.spectrum.metadata, mb = b.spectrum.metadata
            if ma.cycleLabel != mb.cycleLabel {
                guard let ca = ma.cycleLabel else { return false }
                guard let cb = mb.cycleLabel else { return true }
                return ca < cb
            }
            if keys[i].name != keys[j].name { return keys[i] < keys[j] }
            if a.source.path != b.source.path { return a.source.path < b.source.path }
            if ma.startTime != mb.startTime { return (ma.startTime ?? .infinity) < (mb.startTime ?? .infinity) }
            return ma.index < mb.index
        }
        return order.map { items[$0] }
    }

}

/// A file name split once into runs of ASCII digits and of other characters, ordered with the digit runs compared
/// as numbers (`cycle2.csv` < `cycle10.csv`; leading zeros ignored, then the whole names as a tie-break).
struct NaturalOrderKey: Comparable {
    let name: String
    private let chunks: [(digits: Bool, text: Substring)]

    init(_ name: String) {
        self.name = name
        var out: [(digits: Bool, text: Substring)] = []
        var start = name.startIndex
        while start < name.endIndex {
            let isDigit = name[start].isASCII && name[start].isNumber
            var end = start
            while end < name.endIndex, (name[end].isASCII && name[end].isNumber) == isDigit {
                end = name.index(after: end)
            }
            out.append((isDigit, name[start..<end]))
            start = end
        }
        chunks = out
    }

    static func == (a: Self, b: Self) -> Bool { a.name == b.name }

    static func < (a: Self, b: Self) -> Bool {
        for (x, y) in zip(a.chunks, b.chunks) where x.text != y.text {
            if x.digits && y.digits {
                let tx = x.text.drop { $0 == "0" }, ty = y.text.drop { $0 == "0" }
                if tx.count != ty.count { return tx.count < ty.count }
                if tx != ty { return tx < ty }
                continue
            }
            return x.text < y.text
        }
        return a.chunks.count != b.chunks.count ? a.chunks.count < b.chunks.count : a.name < b.name
    }
}
