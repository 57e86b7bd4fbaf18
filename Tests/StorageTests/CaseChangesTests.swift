import AgentCore
import Testing
@testable import Storage

/// A case's history names exactly the fields an update changed, personal ones masked or
/// hidden, and nothing for the fields it left alone.
@Suite struct CaseChangesTests {
    /// The repository tests' case, with a first day of employment (a date field).
    static func input() -> CaseInput {
        var input = CaseRepositoryTests.input()
        input.dateOfHire = CivilDate(iso: "2026-11-16")
        return input
    }

    @Test func anUpdateThatChangesNoFieldRecordsNone() {
        #expect(CaseChanges.fields(before: Self.input(), after: Self.input()).isEmpty)
    }

    @Test func anUpdateRecordsOnlyTheChangedFieldsAsTheHistoryShowsThem() {
        var after = Self.input()
        after.dateOfHire = CivilDate(iso: "2026-11-17")
        after.lastName = "Quickpass Soto"
        after.ssn = "151-20-2002"
        let changes = CaseChanges.fields(before: Self.input(), after: after)
        #expect(Set(changes.map(\.field)) == ["last_name", "ssn", "date_of_hire"])
        let byField = Dictionary(uniqueKeysWithValues: changes.map { ($0.field, $0) })
        #expect(byField["date_of_hire"]?.before == "2026-11-16")
        #expect(byField["date_of_hire"]?.after == "2026-11-17")
        #expect(byField["last_name"]?.after == "***")
        #expect(byField["ssn"]?.before?.hasSuffix("1001") == true)
        #expect(byField["ssn"]?.after?.contains("151-20-2002") == false)
    }

    @Test func aCreationRecordsEveryGivenField() {
        let changes = CaseChanges.fields(before: nil, after: Self.input())
        #expect(Set(changes.map(\.field)) == ["first_name", "last_name", "ssn", "date_of_birth", "alien_number",
                                                "document_bc_number", "date_of_hire"])
        #expect(changes.allSatisfy { $0.before == nil })
    }
}
