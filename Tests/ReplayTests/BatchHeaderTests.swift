import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@testable import LedgerSQLite

/// The signed `abi_header` of a `replay.batch` against its archived files (schemas/ledger-format.md
/// 5.10.1 step 6, rule `replay.batch-abi-header`): the re-render reads the A and B settings back
/// from the file, so only this check can tell a file whose header records are not the ones the
/// supervisor signed.
@Suite struct BatchHeaderTests {
    let helper = ReplayReDerived()

    @Test func theHonestBatchAgreesWithItsHeader() throws {
        let g = try ReplayFixture()
        try g.authorize()
        let body = try helper.honestBatch(g)
        let header = try #require(body.abiHeader)
        #expect(header.contact == ABIContact(name: "DANA WHITFIELD", phone: "3125550142"))
        try g.ledger.append(.replayBatch, body: body.json, signer: g.supervisor)
        let report = try helper.verify(g)
        #expect(report.ok, "\(report.problems)")
        #expect(!report.problems.contains { $0.rule == BatchHeaderCheck.rule })
    }

    @Test func eachHeaderValueTheFilesDoNotCarryIsAProblemOfTheRule() throws {
        let cases: [(String, (inout BatchABIHeader) -> Void)] = [
            ("A site code (2-5)", { $0.siteCode = "ZZ01" }),
            ("A sender id (6-8)", { $0.senderID = "XL7" }),
            ("A date (15-20)", { $0.date = "2026-12-01" }),
            ("A office code (38-39)", { $0.officeCode = "02" }),
            ("A user data (60-80)", { $0.userData = "B0009" }),
            ("filer user data (60-80)", { $0.blockUserData = nil }),
            ("contact name (5-44)", { $0.contact = ABIContact(name: "MALLORY", phone: "3125550142") }),
            ("contact phone (45-59)", { $0.contact = ABIContact(name: "DANA WHITFIELD", phone: "2025550199") }),
            ("abi_header has none", { $0.contact = nil }),
        ]
        for (what, lie) in cases {
            let g = try ReplayFixture()
            try g.authorize()
            var body = try helper.honestBatch(g)
            var header = try #require(body.abiHeader)
            lie(&header)
            body.abiHeader = header
            let forged = try g.ledger.append(.replayBatch, body: body.json, signer: g.supervisor)
            let report = try helper.verify(g)
            let mine = report.problems.filter { $0.rule == BatchHeaderCheck.rule }
            #expect(mine.contains { $0.seq == forged.seq && $0.message.contains(what) }, "\(what): \(report.problems)")
            #expect(!report.ok)
        }
    }

    @Test func everyBRecordIsCheckedNotOnlyTheFirst() throws {
        let g = try ReplayFixture()
        try g.authorize()
        let body = try helper.honestBatch(g)
        let header = try #require(body.abiHeader)
        let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: BatchArchive.folder(forLedger: g.ledger.store.path) + "/B0001/" + body.files[0].name)))
        #expect(BatchHeaderCheck.differences(file, header: header).isEmpty)
        var lines = file.split(separator: 0x0A).map(Array.init)
        let bs = lines.indices.filter { lines[$0].first == UInt8(ascii: "B") }
        try #require(bs.count >= 2, "the fixture's SE file has blocks for several ports")
        lines[bs[1]].replaceSubrange(59..<80, with: Array("B0009".padding(toLength: 21, withPad: " ", startingAt: 0).utf8))
        let changed = Array(lines.joined(separator: [0x0A])) + [0x0A]
        let found = BatchHeaderCheck.differences(changed, header: header)
        #expect(found.count == 1)
        #expect(found.first?.contains("B (record \(bs[1] + 1)) filer user data (60-80) holds 'B0009'") == true, "\(found)")
    }

    @Test func aFileThatIsNotABatchIsOneProblemNotACrash() {
        let header = BatchABIHeader(ABIBatchSettings(siteCode: "EL01", senderID: "EL7", password: "SECRET", officeCode: "01", date: "2026-11-30"))
        #expect(BatchHeaderCheck.differences([], header: header).count == 1)
        #expect(BatchHeaderCheck.differences(Array("A short\n".utf8), header: header).count == 1)
        #expect(BatchHeaderCheck.mmddyy("2026-11-30") == "113026")
    }
}
