/// The program version recorded in results and stores.
public enum NyquistVersion {
    public static let current = "0.1.0"
}
