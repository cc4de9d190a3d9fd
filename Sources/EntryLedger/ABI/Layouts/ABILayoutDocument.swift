import LedgerFormat
/// Renders `schemas/abi-layouts.md` from the layout tables, so the document and the code cannot
/// drift: a test compares the file with ``markdown``, and writes it when
/// `ENTRYLEDGER_WRITE_LAYOUTS=1` is set.
public enum ABILayoutDocument {
    /// Every [unsure] fact in one list: the fields marked [unsure] in the tables, then the
    /// choices of ``ABIRules/unsure``.
    public static var unsureList: [String] {
        let fields = (ABILayouts.all + ACEResponseLayouts.all).flatMap { l in
            l.fields.filter { $0.confidence == .unsure }.map { "\(l.key) \($0.range) \($0.name): \($0.rule)" }
        }
        return fields + ABIRules.unsure
    }

    /// The action codes and what each transaction carries.
    public static let actionShapes: [(application: String, code: String, meaning: String, records: String)] = [
        ("SE", "A", "add a cargo release", "SE10, SE11 when needed, SE13, bills (SE15, SE16 for Non-AMS), SE20, parties, lines (SE40, SE50-56, SE60)"),
        ("SE", "R", "replace the whole cargo release", "as A"),
        ("SE", "U", "update", "SE10, SE11, SE13, SE15, SE16, SE17, SE20 only"),
        ("SE", "D", "cancel (a cancellation request)", "SE10 with the planned port of entry, SE13 with the reason code (and SE20 for reasons 02-04)"),
        ("AE", "A", "add (or replace) an entry summary", "10 with `X` at 39, 11, 20, 22/23, 30, 31, 34, lines (40 44 47 50 53 60 62), 88, 89, 90"),
        ("AE", "R", "replace (or add) an entry summary", "as A"),
        ("AE", "D", "delete an entry summary", "10 only, 36-80 spaces"),
    ]

    /// The document.
    public static var markdown: String {
        var o: [String] = []
        o.append("# ABI record layouts (CATAIR) written and read by EntryLedger")
        o.append("")
        o.append("Generated from the tables in `Sources/EntryLedger/ABI/Layouts/` and `Sources/EntryLedger/ABI/Responses/ACEResponseLayouts.swift`")
        o.append("by `ABILayoutDocument`; a test fails when this file and the code differ (regenerate with")
        o.append("`ENTRYLEDGER_WRITE_LAYOUTS=1 swift test --filter LayoutDocumentTests`). Do not edit by hand.")
        o.append("")
        o.append("Positions are 1-based and inclusive; every record is exactly 80 characters, upper case. Class: `A` letters,")
        o.append("`N` digits, `AN` letters/digits/space, `X` any printable character, `D` date MMDDYY, `(S)N` amount or quantity")
        o.append("(digits). Fill: `A`/`AN`/`X` left-justified and space-filled; `N`/`(S)N` right-justified and zero-filled; a")
        o.append("conditional or optional field that is not sent is spaces; every position not in a table is filler (spaces).")
        o.append("M/C/O: mandatory, conditional, optional. Confidence: **firm** = two independent sources agree; **one source**;")
        o.append("**unsure** = the sources conflict or only inference supports it. The CATAIR chapters are known here only through")
        o.append("the transcriptions below: CBP certification testing of this output is the broker's step (README).")
        o.append("")
        o.append("## Sources")
        o.append("")
        o.append("| label | source |")
        o.append("|---|---|")
        for s in ABISource.all { o.append("| \(s.label) | \(s.description) |") }
        o.append("")
        o.append("## Action codes")
        o.append("")
        o.append("| application | code | meaning | records |")
        o.append("|---|---|---|---|")
        for a in actionShapes { o.append("| \(a.application) | `\(a.code)` | \(a.meaning) | \(a.records) |") }
        o.append("")
        o.append("## Replay decision table")
        o.append("")
        o.append("For each entry and application (SE, AE), what the next replay sends, so that each entry is on file in ACE")
        o.append("exactly once as ACE sees it:")
        o.append("")
        o.append("| state | event | action |")
        o.append("|---|---|---|")
        for d in ReplayPlanner.decisionTable { o.append("| \(d.state) | \(d.event) | \(d.action) |") }
        o.append("")
        for (title, layouts) in [("Batch envelope (input)", ABILayouts.control), ("Cargo Release (SE)", ABILayouts.cargoRelease),
                                 ("Entry Summary (AE)", ABILayouts.entrySummary), ("Responses (SX, SO, AX, UC, batch conditions)", ACEResponseLayouts.all)] {
            o.append("## \(title)")
            o.append("")
            for l in layouts {
                o.append("### `\(l.key)` \(l.title) [\(l.confidence.rawValue): \(l.source)]")
                o.append("")
                for n in l.notes { o.append(n) }
                if !l.notes.isEmpty { o.append("") }
                o.append("| pos | len | field | class | M/C/O | rule | source | confidence |")
                o.append("|---|---|---|---|---|---|---|---|")
                for f in l.fields {
                    o.append("| \(f.range) | \(f.width) | \(f.name) | \(f.fieldClass.rawValue) | \(f.requirement.rawValue) | \(f.rule) | \(f.source ?? l.source) | \((f.confidence ?? l.confidence).rawValue) |")
                }
                o.append("")
            }
        }
        o.append("## Everything [unsure]")
        o.append("")
        o.append("Check each against the current CBP chapter before certification:")
        o.append("")
        for u in unsureList { o.append("- \(u)") }
        return o.joined(separator: "\n") + "\n"
    }
}
