/// The program version: `nyquist --version`, and (as "nyquist VERSION") the version recorded in every fit set of a
/// results store (``NyquistStore/BatchSettings/programVersion``, part of the settings identity). The only version
/// string of the package.
public enum NyquistVersion {
    public static let current = "0.1.0-dev"
}
