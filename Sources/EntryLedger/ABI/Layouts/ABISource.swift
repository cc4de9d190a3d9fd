import LedgerFormat
/// The sources the layout tables rest on, by the label each field carries. None of them is the
/// CBP chapter itself: every CATAIR chapter is known here only through independent
/// transcriptions, so a broker's ABI coordinator checks the tables against the current CBP
/// chapters before certification (README, "CBP certification").
public enum ABISource {
    /// Label and what it is, in the order the layout document lists them.
    public static let all: [(label: String, description: String)] = [
        ("BB1", "CATAIR \"ABI Batch & Block Control\" v23 (June 2023), a transcription with golden tests built from the chapter's worked examples"),
        ("BB2", "the same Batch & Block chapter, transcribed independently by a second project"),
        ("S1", "CATAIR \"ACE Cargo Release\" v40 (July 2025) and \"SO Status Notification\" rev 36 (Sept 2025), a transcription with the author's notes, builder and tests"),
        ("S2", "a second, unrelated project's tests of the same Cargo Release v40 chapter"),
        ("J1", "a Java transcription of the SE10 positions"),
        ("A1", "CATAIR \"ACE Entry Summary Create/Update\" (July 2026), a transcription: header records"),
        ("A2", "the same transcription: line and totals records"),
        ("A3", "the same transcription: AX output records E0/E1"),
        ("AB", "the A1-A3 project's builder and notes from CBP's certification (CERT) environment"),
        ("AT", "the A1-A3 project's tests (record sequences of whole summaries)"),
        ("AP", "the A1-A3 project's AX parser"),
        ("B1", "a second, unrelated project's record specs for the July 2026 Entry Summary chapter"),
        ("BT", "the B1 project's transaction-assembly tests"),
        ("CW", "CargoWise ACE message classes (older CATAIR revisions; their field comments quote CBP's text)"),
        ("UC", "CATAIR \"ACE Entry Summary Status Notification\" v30 (June 2025), a transcription"),
        ("CSMS", "CBP CSMS 18-000624 and 18-000657 (chapter 99 numbers reported before the chapter 1-97 number)"),
        ("RD", "a broker's published AX rendering (condition codes seen in production)"),
        ("EL", "an EntryLedger project choice where the sources are silent (always [unsure])"),
    ]
}
