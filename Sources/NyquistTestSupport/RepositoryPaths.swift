import Foundation

/// Where things are, found from this source file's location so tests work from any working directory.
public enum RepositoryPaths {
    /// The repository root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/eis-data` beside the repository (real instrument files), or nil when it is absent.
    public static var sharedEISData: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/eis-data")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The fixtures folder of a test target: `Tests/<target>/Fixtures`.
    public static func fixtures(_ target: String) -> URL {
        root.appendingPathComponent("Tests").appendingPathComponent(target).appendingPathComponent("Fixtures")
    }

    /// The built `nyquist` executable next to the test bundle (debug or release, whichever runs the tests).
    public static var nyquistExecutable: URL {
        let candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for dir in candidates {
            for d in [dir, dir.deletingLastPathComponent()] {
                let url = d.appendingPathComponent("nyquist")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return root.appendingPathComponent(".build/debug/nyquist")
    }
}
