import Testing
@testable import AgentCore

@Suite struct FieldNameIndexTests {
    @Test("every case field name finds its own position in the field table")
    func test_everyFieldFindsItsPosition() {
        for (position, field) in CaseInput.fields.enumerated() {
            #expect(CaseInput.fieldIndex(of: field.name) == position, "\(field.name)")
        }
    }

    @Test("a name not in the table is not found, however close it is to one that is")
    func test_unknownNamesAreNotFound() {
        let index = FieldNameIndex(["ssn", "first_name", "last_name"])
        for name in ["", "ss", "ssnn", "SSN", "first_nam", "first_name ", "last_names", "nickname", "ﬁrst_name"] {
            #expect(index.index(of: name) == nil, "\(name)")
        }
        #expect(index.index(of: "last_name") == 2)
        // A name built at run time (not a literal) is found the same way.
        #expect(index.index(of: ["first", "name"].joined(separator: "_")) == 1)
    }

    @Test("names that collide in the table are each found (many names, a small table)")
    func test_collidingNamesAreAllFound() {
        let names = (0..<200).map { "field_\($0)" }
        let index = FieldNameIndex(names)
        for (position, name) in names.enumerated() {
            #expect(index.index(of: name) == position)
        }
        #expect(index.index(of: "field_200") == nil)
    }

    @Test("an empty name is a name like any other")
    func test_emptyName() {
        #expect(FieldNameIndex([""]).index(of: "") == 0)
        #expect(FieldNameIndex(["a", ""]).index(of: "") == 1)
        #expect(FieldNameIndex(["a"]).index(of: "") == nil)
    }
}
