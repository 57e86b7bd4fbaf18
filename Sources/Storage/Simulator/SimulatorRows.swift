import AgentCore
import Foundation

/// Rows of the simulator tables to and from the port's values.
enum SimulatorRows {
    static let personColumns = """
        ssn, first_name, last_name, date_of_birth, citizenship_status, alien_number, i94_number, us_passport_number, photo,
        ssa_deceased, ssa_citizenship_confirmed, dhs_work_authorized, dhs_needs_more_time_days, dhs_close_and_resubmit,
        referral_employee_contacts, referral_result, referral_after_work_days, referral_continuance_work_days,
        scenario, scenario_description
        """

    static func personValues(_ p: SimulatedPerson) -> [SQLValue] {
        [.text(p.ssn), .text(p.firstName), .text(p.lastName), .text(p.dateOfBirth.iso), .text(p.citizenshipStatus.rawValue),
         SQLValue(p.alienNumber), SQLValue(p.i94Number), SQLValue(p.usPassportNumber), SQLValue(p.photo),
         SQLValue(p.ssa.deceased), SQLValue(p.ssa.citizenshipConfirmed), SQLValue(p.dhs.workAuthorized),
         SQLValue(p.dhs.needsMoreTimeDays), SQLValue(p.dhs.closeAndResubmit), SQLValue(p.onReferral.employeeContactsAgency),
         .text(p.onReferral.result.rawValue), SQLValue(p.onReferral.afterWorkDays), SQLValue(p.onReferral.continuanceWorkDays),
         SQLValue(p.scenario), SQLValue(p.scenarioDescription)]
    }

    /// Reads the person columns starting at `first` (so a join can put them after others).
    static func person(from row: Statement, at first: Int = 0) throws -> SimulatedPerson {
        func column(_ offset: Int) -> Int { first + offset }
        guard let dateOfBirth = RowCodec.date(row.string(at: column(3))) else {
            throw RowDecodingError.invalid(column: "simulator_people.date_of_birth")
        }
        guard let citizenship = CitizenshipStatus(rawValue: row.string(at: column(4)) ?? "") else {
            throw RowDecodingError.invalid(column: "simulator_people.citizenship_status")
        }
        guard let referralResult = SimulatedReferralResult(rawValue: row.string(at: column(15)) ?? "") else {
            throw RowDecodingError.invalid(column: "simulator_people.referral_result")
        }
        return SimulatedPerson(
            ssn: row.string(at: column(0)) ?? "", firstName: row.string(at: column(1)) ?? "",
            lastName: row.string(at: column(2)) ?? "", dateOfBirth: dateOfBirth, citizenshipStatus: citizenship,
            alienNumber: row.string(at: column(5)), i94Number: row.string(at: column(6)),
            usPassportNumber: row.string(at: column(7)), photo: row.blob(at: column(8)),
            ssa: SimulatedSSARecord(deceased: row.int64(at: column(9)) != 0, citizenshipConfirmed: row.int64(at: column(10)) != 0),
            dhs: SimulatedDHSRecord(workAuthorized: row.int64(at: column(11)) != 0, needsMoreTimeDays: row.int(at: column(12)),
                                    closeAndResubmit: row.int64(at: column(13)) != 0),
            onReferral: SimulatedReferralBehaviour(
                employeeContactsAgency: row.int64(at: column(14)) != 0, result: referralResult,
                afterWorkDays: row.int(at: column(16)), continuanceWorkDays: row.optionalInt64(at: column(17)).map { Int($0) }),
            scenario: row.string(at: column(18)), scenarioDescription: row.string(at: column(19)))
    }

    static let personColumnCount = 20

    static let caseColumns = """
        c.case_number, c.person_ssn, c.facts, c.stage, c.result, c.mismatch, c.data_confirmed, c.reviewed, c.photo_answer,
        c.referral, c.closure_reason, c.submitted_on, c.job_kind, c.job_due
        """
    static let caseColumnCount = 14

    static func caseValues(_ c: SimulatedCase) throws -> [SQLValue] {
        [.text(c.caseNumber), SQLValue(c.personSSN), .text(factsJSON(c.facts)), .text(c.stage.rawValue),
         .text(c.result.simulationCode), SQLValue(c.mismatch?.rawValue), SQLValue(c.dataConfirmed), SQLValue(c.reviewed),
         SQLValue(c.photoAnswer?.rawValue), SQLValue(try c.referral.map(json)), SQLValue(c.closureReason),
         .text(c.submittedOn.iso), SQLValue(c.pendingJob?.kind.rawValue), SQLValue(c.pendingJob?.due.iso)]
    }

    static func simulatedCase(from row: Statement) throws -> SimulatedCase {
        let caseNumber = row.string(at: 0) ?? ""
        func invalid(_ column: String) -> RowDecodingError { .invalid(column: "simulator_cases.\(column)") }
        guard let facts = try decode(SimulatedMatchFacts.self, row.string(at: 2)) else { throw invalid("facts") }
        guard let stage = SimulatedCaseStage(rawValue: row.string(at: 3) ?? "") else { throw invalid("stage") }
        guard let result = GovernmentResult(simulationCode: row.string(at: 4) ?? "") else { throw invalid("result") }
        guard let submittedOn = RowCodec.date(row.string(at: 11)) else { throw invalid("submitted_on") }
        var job: SimulatedJob?
        if let kindText = row.string(at: 12) {
            guard let kind = SimulatedJob.Kind(rawValue: kindText), let due = RowCodec.date(row.string(at: 13)) else {
                throw invalid("job_kind")
            }
            job = SimulatedJob(caseNumber: caseNumber, kind: kind, due: due)
        }
        return SimulatedCase(
            caseNumber: caseNumber, personSSN: row.string(at: 1), facts: facts, stage: stage, result: result,
            mismatch: row.string(at: 5).flatMap(MismatchKind.init(rawValue:)), dataConfirmed: row.int64(at: 6) != 0,
            reviewed: row.int64(at: 7) != 0, photoAnswer: row.string(at: 8).flatMap(PhotoMatchAnswer.init(rawValue:)),
            referral: try decode(SimulatedReferral.self, row.string(at: 9)), closureReason: row.string(at: 10),
            submittedOn: submittedOn, pendingJob: job)
    }

    /// A case row followed by the person columns of a LEFT JOIN (all NULL: no person).
    static func caseFile(from row: Statement) throws -> SimulatedCaseFile {
        let simulatedCase = try simulatedCase(from: row)
        let person = row.isNull(at: caseColumnCount) ? nil : try person(from: row, at: caseColumnCount)
        return SimulatedCaseFile(simulatedCase: simulatedCase, person: person)
    }

    static func update(from row: Statement) throws -> SimulatedUpdateRecord {
        guard let result = GovernmentResult(simulationCode: row.string(at: 2) ?? "") else {
            throw RowDecodingError.invalid(column: "simulator_updates.result")
        }
        guard let on = RowCodec.date(row.string(at: 3)) else { throw RowDecodingError.invalid(column: "simulator_updates.on_date") }
        let update = GovernmentUpdate(caseNumber: row.string(at: 1) ?? "", result: result, on: on,
                                      employeeContacted: row.int64(at: 4) != 0)
        return SimulatedUpdateRecord(sequence: row.int64(at: 0), update: update)
    }

    /// Written on every submission: streamed, in declaration order (rows written earlier
    /// with sorted keys read the same).
    /// `json(facts)`, byte for byte, written directly: every submission stores its facts,
    /// and the generic encoder's keyed containers cost ten times the text.
    static func factsJSON(_ facts: SimulatedMatchFacts) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(160)
        out.append(contentsOf: #"{"citizenshipStatus":"#.utf8)
        JSONBytes.appendString(facts.citizenshipStatus.rawValue, to: &out)
        out.append(contentsOf: #","mismatchedFields":["#.utf8)
        for (index, field) in facts.mismatchedFields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONBytes.appendString(field, to: &out)
        }
        out.append(contentsOf: #"],"alienNumberMismatch":"#.utf8)
        out.append(contentsOf: (facts.alienNumberMismatch ? "true" : "false").utf8)
        out.append(contentsOf: #","passportNumberConfirmed":"#.utf8)
        out.append(contentsOf: (facts.passportNumberConfirmed ? "true" : "false").utf8)
        out.append(contentsOf: #","photoDocumentPresented":"#.utf8)
        out.append(contentsOf: (facts.photoDocumentPresented ? "true" : "false").utf8)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        try StreamingJSONEncoder.string(value)
    }

    static let decoder = JSONDecoder()

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) throws -> T? {
        guard let text else { return nil }
        return try decoder.decode(type, from: Data(text.utf8))
    }
}
