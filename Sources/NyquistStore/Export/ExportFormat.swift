/// The export formats.
public enum ExportFormat: String, Sendable, Codable, CaseIterable {
    /// Comma-separated, one header line: `series,position,file,spectrum,cycle,status,start,P,P_se,…,chi_square,
    /// reduced_chi_square,chi_square_over_modulus,kk,kk_noise_percent,warnings` (`kk`: `pass`, `fail`, `not-tested`,
    /// or empty when the test was not run; `warnings`: the fit's warning codes, `code` or `code:P1+P2`, joined by `;`).
    /// Parameters in their physical units (see the JSON `units`).
    case csv
    /// `{"fit_set": {…}, "parameters": […], "units": {…}, "rows": [{…}, …]}` with the same keys as the CSV columns.
    case json
}
