import Foundation
import Glibc
import Testing
import TestSupport

/// No personal data in the log, at the most talkative level: catalog paths walked over
/// HTTP, then the whole log searched for every SSN, name, date of birth and document
/// number the walk sent.
@Suite struct LogPrivacyTests {
    @Test("a catalog walk leaves no SSN, name, date of birth or document number in the log")
    func catalogWalkLogHasNoPersonalData() throws {
        typealias Person = (ssn: String, first: String, last: String, dob: String, numbers: [String])
        let dana: Person = ("153-20-1003", "Dana", "Datemix", "1985-04-07", ["D1234567"])
        let milo: Person = ("157-20-1007", "Milo", "Mismatch", "1989-12-01", ["A100001007", "IOE1234567890"])
        let devon: Person = ("155-20-1005", "Devon", "Bothways", "1992-09-09", ["A100001005"])
        // Each walk moves the simulated clock, so each gets a desk (and a log) of its own.
        let walks: [(Person, @Sendable (CaseEndToEndTests.Desk) throws -> Void)] = [
            (dana, { desk in
                _ = try CatalogPathTests.walk(desk, CaseEndToEndTests.body(client: desk.client, ssn: dana.ssn, first: dana.first,
                                                                           last: dana.last, dob: dana.dob), [
                    .submit("UNCONFIRMED_DATA"), .confirm(["date_of_birth": dana.dob], "PENDING_REFERRAL"), .notice,
                    .refer("REFERRED"), .advance(4, "CLOSED", "EMPLOYMENT_AUTHORIZED"),
                ])
            }),
            (milo, { desk in
                _ = try CatalogPathTests.walk(desk, CatalogPathTests.listA(desk.client, ssn: milo.ssn, first: milo.first, last: milo.last,
                                                                           dob: milo.dob, citizenship: "NONCITIZEN_AUTHORIZED_TO_WORK",
                                                                           document: "FORM_I766",
                                                                           extra: ["alien_number": "A100001007", "i766_number": "IOE1234567890"]), [
                    .submit("PHOTO_MATCH"), .photo("NOT_MATCHING", "SCAN_AND_UPLOAD"), .uploadMultipart("PENDING_REFERRAL"), .notice,
                    .refer("REFERRED"), .advance(5, "CLOSED", "EMPLOYMENT_AUTHORIZED"),
                ])
            }),
            (devon, { desk in
                _ = try CatalogPathTests.walk(desk, CaseEndToEndTests.body(client: desk.client, ssn: devon.ssn, first: devon.first,
                                                                           last: devon.last, dob: devon.dob,
                                                                           citizenship: "NONCITIZEN_AUTHORIZED_TO_WORK", alien: "A100001005"), [
                    .submit("PENDING_REFERRAL"), .notice, .refer("REFERRED"),
                    .advance(6, "FINAL_NONCONFIRMATION", "FINAL_NONCONFIRMATION"),
                    .close("EMPLOYEE_TERMINATED_FOR_FNC_RESULT", false, "CLOSED/FINAL_NONCONFIRMATION"),
                ])
            }),
        ]
        var log = ""
        for (_, walk) in walks {
            let desk = try CaseEndToEndTests.openDesk(environment: ["AGENT_LOG_FORMAT": "json", "AGENT_LOG_LEVEL": "trace"])
            let agent = desk.world.agent
            defer { agent.stop() }
            try walk(desk)
            agent.signal(SIGTERM)
            #expect(agent.waitForExit(seconds: 10) == 0)
            #expect(agent.waitForLog("\"msg\":\"stopped\""))
            log += agent.logText
        }
        // The walks were logged (access lines with request IDs), just without the people in them.
        #expect(log.contains("\"path\":\"/api/v1/cases\""))
        #expect(log.contains("\"request_id\""))
        for person in [dana, milo, devon] {
            let digits = person.ssn.filter(\.isNumber)
            var secrets = [person.ssn, digits, person.first, person.last, person.dob] + person.numbers
            secrets.append(person.dob.replacingOccurrences(of: "-", with: ""))
            for secret in secrets {
                #expect(!log.localizedCaseInsensitiveContains(secret), "\(secret) appears in the log")
            }
        }
    }
}
