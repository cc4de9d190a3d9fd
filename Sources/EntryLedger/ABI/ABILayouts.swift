import LedgerFormat
/// The ABI record layouts, one table per record type, exactly at the positions docs/customs-facts.md
/// section 2 gives (1-based, inclusive; unused positions are spaces). This file: the control
/// records A, B, Y, Z **[firm]**. Cargo Release (SE) and Entry Summary (AE) transaction records
/// are in the extensions beside it; the response records are in ``ACEResponseLayouts``.
///
/// The input control records carry no record counts or control totals **[firm]**.
public enum ABILayouts {
    /// A batch header. **[firm]**
    public static let a = ABILayout(id: "A", fields: [
        ABIField("site code", 2, 5, .alphanumeric),
        ABIField("sender id", 6, 8, .alphanumeric),
        ABIField("password", 9, 14, .alphanumeric),
        ABIField("date", 15, 20, .date),
        ABIField("application id", 26, 27, .alphanumeric),
        ABIField("office code", 38, 39, .alphanumeric),
        ABIField("user data", 60, 80, .alphanumeric),
    ])

    /// B block header. **[firm]**
    public static let b = ABILayout(id: "B", fields: [
        ABIField("port", 4, 7, .alphanumeric),
        ABIField("filer code", 8, 10, .alphanumeric),
        ABIField("application id", 11, 12, .alphanumeric),
        ABIField("office code", 45, 46, .alphanumeric),
        ABIField("filer user data", 60, 80, .alphanumeric),
    ])

    /// Y block trailer. **[firm]**
    public static let y = ABILayout(id: "Y", fields: [
        ABIField("port", 4, 7, .alphanumeric),
        ABIField("filer code", 8, 10, .alphanumeric),
        ABIField("application id", 11, 12, .alphanumeric),
        ABIField("office code", 45, 46, .alphanumeric),
    ])

    /// Z batch trailer. **[firm]**
    public static let z = ABILayout(id: "Z", fields: [
        ABIField("site code", 2, 5, .alphanumeric),
        ABIField("sender id", 6, 8, .alphanumeric),
        ABIField("date", 15, 20, .date),
        ABIField("office code", 38, 39, .alphanumeric),
    ])

    /// The control record layouts.
    public static let control: [ABILayout] = [a, b, y, z]

    /// Every input layout: control, Cargo Release, Entry Summary.
    public static var all: [ABILayout] { control + cargoRelease + entrySummary }
}
