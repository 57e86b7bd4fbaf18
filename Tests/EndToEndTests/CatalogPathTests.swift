import Foundation
import Testing
import TestSupport

/// The sandbox catalog's remaining paths, each walked to CLOSED over HTTP (the others are
/// in CaseEndToEndTests). Steps name the action and the status it must leave.
@Suite struct CatalogPathTests {
    enum Step {
        case submit(String)
        case confirm([String: String], String)
        case notice
        case refer(String)
        case advance(Int, String, String?)
        case photo(String, String)
        case retrievePhoto
        /// A JSON upload that is not an image (422), then the copies as multipart/form-data.
        case uploadMultipart(String)
        case close(String, Bool?, String)
    }

    static let png: String = {
        // A PNG signature is what the upload check looks at; DHS gets the bytes as they are.
        Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]).base64EncodedString()
    }()

    static func listA(_ client: String, ssn: String, first: String, last: String, dob: String, citizenship: String,
                      document: String, extra: [String: Any]) -> [String: Any] {
        var body = CaseEndToEndTests.body(client: client, ssn: ssn, first: first, last: last, dob: dob, citizenship: citizenship)
        for key in ["document_b_type_code", "document_c_type_code", "document_bc_number", "us_state_code"] { body.removeValue(forKey: key) }
        body["document_a_type_code"] = document
        for (key, value) in extra { body[key] = value }
        return body
    }

    /// `advance` moves another government side's clock (the ICA sandbox's); the walk then
    /// waits up to 20 s for the agent to poll the result. Without it, the agent's simulator.
    static func walk(_ desk: CaseEndToEndTests.Desk, _ body: [String: Any], _ steps: [Step],
                     advance: ((Int) throws -> Void)? = nil) throws -> [String] {
        let admin = desk.admin
        let created = try admin.call("POST", "/api/v1/cases", body)
        let number = try CaseEndToEndTests.created(created)
        var seen: [String] = []
        func status(_ reply: APIClient.Reply) -> String {
            let suffix = (reply["case_eligibility_statement"] as? String).map { "/" + $0 } ?? ""
            let text = (reply["case_status"] as? String ?? "?") + suffix
            return reply.status >= 400 ? "HTTP \(reply.status)" : text
        }
        for step in steps {
            switch step {
            case .submit(let want):
                seen.append(status(try admin.call("POST", "/api/v1/cases/\(number)/submit")))
                #expect(seen.last == want)
            case let .confirm(fields, want):
                let list = fields.map { ["field_name": $0.key, "value": $0.value] }
                seen.append(status(try admin.call("POST", "/api/v1/cases/\(number)/confirm_details", ["case_fields": list])))
                #expect(seen.last == want)
            case .notice:
                #expect(try admin.call("GET", "/api/v1/cases/\(number)/further_action_notice").status == 200)
            case .refer(let want):
                seen.append(status(try admin.call("POST", "/api/v1/cases/\(number)/refer", ["employee_notified": true])))
                #expect(seen.last == want)
            case let .advance(days, want, eligibility):
                var now: APIClient.Reply
                if let advance {
                    try advance(days)
                    let deadline = Date().addingTimeInterval(20)
                    repeat {
                        now = try admin.call("GET", "/api/v1/cases/\(number)")
                        if now["case_status"] as? String == want { break }
                        Thread.sleep(forTimeInterval: 0.1)
                    } while Date() < deadline
                } else {
                    _ = try admin.call("POST", "/api/v1/simulator/clock", ["advance_work_days": days])
                    now = try admin.call("GET", "/api/v1/cases/\(number)")
                }
                seen.append(status(now))
                #expect(now["case_status"] as? String == want, "\(number) after \(days) wd")
                #expect(now["case_eligibility_statement"] as? String == eligibility)
            case let .photo(answer, want):
                seen.append(status(try admin.call("POST", "/api/v1/cases/\(number)/photo_match", ["photo_match": answer])))
                #expect(seen.last == want)
            case .retrievePhoto:
                let photo = try admin.call("GET", "/api/v1/cases/\(number)/retrieve_photo")
                let bytes = Data(base64Encoded: photo["document_photo"] as? String ?? "") ?? Data()
                #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            case .uploadMultipart(let want):
                let text = Data("just text".utf8).base64EncodedString()
                #expect(try admin.call("POST", "/api/v1/cases/\(number)/scan_and_upload", ["front_photo": text]).status == 422)
                let png = Data(base64Encoded: Self.png) ?? Data()
                var body = Data("--b0undary\r\nContent-Disposition: form-data; name=\"front_photo\"; filename=\"front.png\"\r\n".utf8)
                body.append(Data("Content-Type: image/png\r\n\r\n".utf8))
                body.append(png)
                body.append(Data("\r\n--b0undary\r\nContent-Disposition: form-data; name=\"back_photo\"\r\n\r\n".utf8))
                body.append(png)
                body.append(Data("\r\n--b0undary--\r\n".utf8))
                let reply = try admin.send("POST", "/api/v1/cases/\(number)/scan_and_upload", bytes: Array(body),
                                           contentType: "multipart/form-data; boundary=b0undary")
                seen.append(reply["case_status"] as? String ?? "HTTP \(reply.status)")
                #expect(seen.last == want)
            case let .close(reason, employed, want):
                var closeBody: [String: Any] = ["case_closure_reason_code": reason]
                if let employed { closeBody["currently_employed"] = employed }
                seen.append(status(try admin.call("POST", "/api/v1/cases/\(number)/close", closeBody)))
                #expect(seen.last == want)
            }
        }
        return seen
    }

    @Test("are-you-sure, confirmed unchanged, SSA TNC contested, then EA")
    func areYouSureThenSSATNC() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        _ = try Self.walk(desk, CaseEndToEndTests.body(client: desk.client, ssn: "153-20-1003", first: "Dana", last: "Datemix", dob: "1985-04-07"), [
            .submit("UNCONFIRMED_DATA"), .confirm(["date_of_birth": "1985-04-07"], "PENDING_REFERRAL"), .notice,
            .refer("REFERRED"), .advance(4, "CLOSED", "EMPLOYMENT_AUTHORIZED"),
        ])
    }

    @Test("DHS TNC on a permanent resident card, contested, then EA")
    func dhsTNC() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        _ = try Self.walk(desk, Self.listA(desk.client, ssn: "154-20-1004", first: "Omar", last: "Nomatch", dob: "1979-11-02",
                                           citizenship: "LAWFUL_PERMANENT_RESIDENT", document: "FORM_I551",
                                           extra: ["alien_number": "A100001004", "i551_number": "SRC1234567890"]), [
            .submit("PENDING_REFERRAL"), .notice, .refer("REFERRED"), .advance(5, "CLOSED", "EMPLOYMENT_AUTHORIZED"),
        ])
    }

    @Test("dual TNC contested, final nonconfirmation, closed as terminated")
    func dualTNCThenFNC() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        _ = try Self.walk(desk, CaseEndToEndTests.body(client: desk.client, ssn: "155-20-1005", first: "Devon", last: "Bothways",
                                                       dob: "1992-09-09", citizenship: "NONCITIZEN_AUTHORIZED_TO_WORK", alien: "A100001005"), [
            .submit("PENDING_REFERRAL"), .notice, .refer("REFERRED"),
            .advance(6, "FINAL_NONCONFIRMATION", "FINAL_NONCONFIRMATION"),
            .close("EMPLOYEE_TERMINATED_FOR_FNC_RESULT", false, "CLOSED/FINAL_NONCONFIRMATION"),
        ])
    }

    @Test("DOC-2: photo match, matching, EA")
    func photoMatch() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        _ = try Self.walk(desk, Self.listA(desk.client, ssn: "156-20-1006", first: "Phoebe", last: "Photomatch", dob: "1995-01-20",
                                           citizenship: "LAWFUL_PERMANENT_RESIDENT", document: "FORM_I551",
                                           extra: ["alien_number": "A100001006", "i551_number": "SRC1234567891"]), [
            .submit("PHOTO_MATCH"), .retrievePhoto, .photo("MATCHING", "CLOSED/EMPLOYMENT_AUTHORIZED"),
        ])
    }

    @Test("TNC-6: photo mismatch, copies uploaded, DHS photo TNC contested, EA")
    func photoMismatch() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        _ = try Self.walk(desk, Self.listA(desk.client, ssn: "157-20-1007", first: "Milo", last: "Mismatch", dob: "1989-12-01",
                                           citizenship: "NONCITIZEN_AUTHORIZED_TO_WORK", document: "FORM_I766",
                                           extra: ["alien_number": "A100001007", "i766_number": "IOE1234567890"]), [
            .submit("PHOTO_MATCH"), .photo("NOT_MATCHING", "SCAN_AND_UPLOAD"), .uploadMultipart("PENDING_REFERRAL"), .notice,
            .refer("REFERRED"), .advance(5, "CLOSED", "EMPLOYMENT_AUTHORIZED"),
        ])
    }

    @Test("case in continuance after the referral, then EA")
    func continuance() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        _ = try Self.walk(desk, CaseEndToEndTests.body(client: desk.client, ssn: "159-20-1009", first: "Cody", last: "Continuance",
                                                       dob: "1975-03-03", extra: ["document_c_type_code": "BIRTH_CERTIFICATE"]), [
            .submit("PENDING_REFERRAL"), .notice, .refer("REFERRED"), .advance(5, "CASE_IN_CONTINUANCE", nil),
            .advance(10, "CLOSED", "EMPLOYMENT_AUTHORIZED"),
        ])
    }

    @Test("close and resubmit: wrong passport number, closed, a new case with the right one is authorized")
    func closeAndResubmit() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let passport = ["document_sub_type_code": "US_PASSPORT_BOOK"]
        _ = try Self.walk(desk, Self.listA(desk.client, ssn: "161-20-1011", first: "Carla", last: "Resubmit", dob: "1991-10-10",
                                           citizenship: "US_CITIZEN", document: "US_PASSPORT",
                                           extra: passport.merging(["us_passport_number": "561234978"]) { a, _ in a }), [
            .submit("CLOSE_CASE_AND_RESUBMIT/CLOSE_CASE_AND_RESUBMIT"), .close("INCORRECT_DATA", nil, "CLOSED/CLOSE_CASE_AND_RESUBMIT"),
        ])
        _ = try Self.walk(desk, Self.listA(desk.client, ssn: "161-20-1011", first: "Carla", last: "Resubmit", dob: "1991-10-10",
                                           citizenship: "US_CITIZEN", document: "US_PASSPORT",
                                           extra: passport.merging(["us_passport_number": "561234987",
                                                                    "duplicate_continue_reason_code": "INCORRECT_INFORMATION_ENTERED"]) { a, _ in a }), [
            .submit("CLOSED/EMPLOYMENT_AUTHORIZED"),
        ])
    }

    @Test("TNC-4: no contact within 8 federal work days becomes a final nonconfirmation")
    func noContactFNC() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        _ = try Self.walk(desk, Self.listA(desk.client, ssn: "162-20-1012", first: "Nolan", last: "Nocall", dob: "1998-08-08",
                                           citizenship: "LAWFUL_PERMANENT_RESIDENT", document: "FORM_I551",
                                           extra: ["alien_number": "A100001012", "i551_number": "SRC1234567892"]), [
            .submit("PENDING_REFERRAL"), .notice, .refer("REFERRED"), .advance(8, "REFERRED", nil),
            .advance(1, "FINAL_NONCONFIRMATION", "FINAL_NONCONFIRMATION"),
            .close("EMPLOYEE_CONTINUES_TO_WORK_AFTER_FNC", true, "HTTP 422"),
        ])
    }

    @Test("contest then final nonconfirmation")
    func contestThenFNC() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        _ = try Self.walk(desk, CaseEndToEndTests.body(client: desk.client, ssn: "164-20-1014", first: "Felix", last: "Denied",
                                                       dob: "1980-02-29", citizenship: "LAWFUL_PERMANENT_RESIDENT", alien: "A100001014"), [
            .submit("PENDING_REFERRAL"), .notice, .refer("REFERRED"), .advance(7, "FINAL_NONCONFIRMATION", "FINAL_NONCONFIRMATION"),
            .close("EMPLOYEE_QUIT", false, "CLOSED/FINAL_NONCONFIRMATION"),
        ])
    }
}
