import Testing

@testable import LedgerFormat

/// ``JSONTape`` reads exactly what ``JSONReader`` reads, and refuses with its words.
@Suite struct JSONTapeParity {
    static let inputs: [String] = [
        #"{"a":1,"b":[true,false,null,"x"],"c":{"d":-42}}"#,
        #"  {"z":"é","y":"\u00e9","x":"\ud83d\ude00","w":"tab\tnew\nline"}  "#,
        #"[1,2,[3,[4,{}]],[]]"#, #""plain""#, "0", "-0", "9007199254740992", "-9007199254740992",
        #"{"a":1,"a":2}"#, #"{"a":1,"\u0061":2}"#, #"{"é":1,"e\u0301":2}"#,
        "9007199254740993", "1.5", "1e3", "-", "01", #"{"a":}"#, #"{"a" 1}"#, #"[1,]"#, "[1 2]", "tru", "nul",
        #""\ud800""#, #""\udc00x""#, #""\x""#, "\"a\u{01}b\"", "\"unterminated", #"{"a":1}x"#, "",
        String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
        "{" + (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}",
        "{" + (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k3\":0}",
    ]

    @Test(arguments: inputs) func readsAsJSONReaderReads(_ text: String) {
        let bytes = Array(text.utf8)
        let reference = Result { () throws(CanonicalJSONError) in try JSONReader.parse(bytes) }
        let tape = Result { () throws(CanonicalJSONError) in try JSONTape(bytes).root.jsonValue }
        switch (reference, tape) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)): #expect(a == b)
        default: Issue.record("JSONReader: \(reference), JSONTape: \(tape)")
        }
    }

    @Test func invalidUTF8IsRefusedAsJSONReaderRefusesIt() {
        for bytes: [UInt8] in [[0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xE2, 0x82]] {
            let reference = Result { () throws(CanonicalJSONError) in try JSONReader.parse(bytes) }
            let tape = Result { () throws(CanonicalJSONError) in try JSONTape(bytes).root.jsonValue }
            guard case .failure(let a) = reference, case .failure(let b) = tape else { Issue.record("accepted \(bytes)"); continue }
            #expect(a == b)
        }
    }

    @Test func membersAreFoundByNameWithoutATree() throws {
        let tape = try JSONTape(Array(#"{"body":{"entry":{"lines":[{"hts":"8471300100"},{"hts":"x\"y"}]}},"seq":7}"#.utf8))
        #expect(tape.root["seq"]?.intValue == 7)
        let lines = tape.root["body"]?["entry"]?["lines"]?.items
        #expect(lines?.count == 2)
        #expect(lines?[1]["hts"]?.stringValue == "x\"y")
        #expect(tape.root["missing"] == nil)
        #expect(tape.root.memberNames(notIn: ["body"]) == ["seq"])
    }
}
