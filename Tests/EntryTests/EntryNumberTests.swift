import EntryLedger
import Testing

@Suite("Entry numbers")
struct EntryNumberTests {
    @Test("The check digit vectors of docs/customs-facts.md compute and parse", arguments: [
        ("ABC", 1_234_567, 6), ("999", 9_999_999, 0), ("316", 1, 7),
    ])
    func vectors(filer: String, serial: Int, digit: Int) throws {
        #expect(EntryNumber.computeCheckDigit(filerCode: filer, serial: serial) == digit)
        let n = try EntryNumber(filerCode: filer, serial: serial)
        #expect(n.checkDigit == digit)
        let parsed = try EntryNumber(parsing: n.formatted)
        #expect(parsed == n)
        #expect(try EntryNumber(parsing: n.compact) == n)
    }

    @Test("The formatted, compact and ABI forms are as ABI records and people expect")
    func forms() throws {
        let n = try EntryNumber(parsing: "ABC12345676")
        #expect(n.formatted == "ABC-1234567-6")
        #expect(n.compact == "ABC12345676")
        #expect(n.abi == "12345676")
        #expect(n.abi.count == 8)
        #expect(n.filerCode == "ABC")
        #expect(n.serial == 1_234_567)
        #expect(try EntryNumber(parsing: "316-0000001-7").abi == "00000017")
    }

    @Test("Every wrong check digit is refused and the right one is named", arguments: 0...9)
    func wrongDigits(digit: Int) {
        let text = "ABC-1234567-\(digit)"
        if digit == 6 {
            #expect(throws: Never.self) { try EntryNumber(parsing: text) }
        } else {
            #expect(throws: EntryNumberError.checkDigit(given: digit, expected: 6)) { try EntryNumber(parsing: text) }
        }
    }

    @Test("Malformed entry numbers are refused as malformed", arguments: [
        "", "ABC-1234567", "ABC-123456-6", "AB-12345678-6", "ABC_1234567_6", "abc-1234567-6", "ABC-12345A7-6",
        "ABC-1234567-X", "ABC-1234567-66", "ABC1234567-6", " ABC-1234567-6", "ÄBC-1234567-6",
    ])
    func malformed(text: String) {
        #expect {
            try EntryNumber(parsing: text)
        } throws: { error in
            if case .format = error as? EntryNumberError { return true }
            return false
        }
    }

    @Test("Letters map to digits as docs/customs-facts.md says: A-I 1-9, J-R 1-9, S-Z 2-9")
    func letterValues() {
        let expected: [(Unicode.Scalar, Int)] = [("A", 1), ("I", 9), ("J", 1), ("R", 9), ("S", 2), ("Z", 9), ("0", 0), ("7", 7)]
        for (c, v) in expected { #expect(CustomsRules.entryNumberLetterValue(c) == v) }
        #expect(CustomsRules.entryNumberLetterValue("a") == nil)
        #expect(CustomsRules.entryNumberLetterValue("-") == nil)
    }

    @Test("Next gives the following serial with its own check digit and stops after 9999999")
    func next() throws {
        let n = try EntryNumber(parsing: "ABC-1234567-6")
        let following = try #require(n.next)
        #expect(following.serial == 1_234_568)
        #expect(following.checkDigit == EntryNumber.computeCheckDigit(filerCode: "ABC", serial: 1_234_568))
        #expect(try EntryNumber(parsing: following.formatted) == following)
        #expect(try EntryNumber(parsing: "999-9999999-0").next == nil)
    }

    @Test("A reserved range hands out its first free number and knows when it is used up")
    func reservedRange() throws {
        let range = try EntryNumberRange(filerCode: "EL7", first: 1_000_001, last: 1_000_003)
        #expect(range.count == 3)
        let first = try #require(range.firstFree(excluding: []))
        #expect(first.formatted == "EL7-1000001-8")
        let second = try #require(range.firstFree(excluding: [first]))
        #expect(second.serial == 1_000_002)
        #expect(range.next(after: second)?.serial == 1_000_003)
        #expect(range.next(after: try EntryNumber(filerCode: "EL7", serial: 1_000_003)) == nil)
        let all = Set([first, second, try EntryNumber(filerCode: "EL7", serial: 1_000_003)])
        #expect(range.firstFree(excluding: all) == nil)
        #expect(!range.contains(try EntryNumber(filerCode: "EL8", serial: 1_000_001)))
        #expect(throws: EntryNumberError.self) { try EntryNumberRange(filerCode: "EL7", first: 5, last: 4) }
        #expect(throws: EntryNumberError.self) { try EntryNumberRange(filerCode: "el7", first: 1, last: 4) }
    }

    @Test("Serials and filer codes out of range are refused when building a number")
    func outOfRange() {
        #expect(throws: EntryNumberError.self) { try EntryNumber(filerCode: "ABC", serial: 10_000_000) }
        #expect(throws: EntryNumberError.self) { try EntryNumber(filerCode: "ABC", serial: -1) }
        #expect(throws: EntryNumberError.self) { try EntryNumber(filerCode: "AB", serial: 1) }
        #expect(EntryNumber.computeCheckDigit(filerCode: "AB-", serial: 1) == nil)
    }
}
