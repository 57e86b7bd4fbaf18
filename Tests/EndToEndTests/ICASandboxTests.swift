import Foundation
import Testing
import TestSupport

/// The sandbox enforces what the real interface does: tokens (life, revocation), unknown
/// fields refused, the notice downloaded before a referral; errors in the ICA shape.
@Suite struct ICASandboxTests {
    static func token(_ sandbox: SandboxProcess) throws -> String {
        let login = try sandbox.call("POST", "/api/v31/authentication/login", ["username": "sandbox01", "password": "sandbox-pass"])
        guard login.status == 200, let token = login.json["access_token"] as? String else { throw TestClientError.io("login: \(login)") }
        return token
    }

    static func firstError(_ json: [String: Any]) -> (code: String?, message: String?) {
        let first = (json["errors"] as? [[String: Any]])?.first
        return (first?["error_code"] as? String, first?["message"] as? String)
    }

    static var lpr: [String: Any] { [
        "first_name": "Omar", "last_name": "Nomatch", "date_of_birth": "1979-11-02", "ssn": "154-20-1004",
        "citizenship_status_code": "LAWFUL_PERMANENT_RESIDENT", "alien_number": "A100001004", "i551_number": "SRC1234567890",
        "document_a_type_code": "FORM_I551", "expiration_date": "2030-01-01", "date_of_hire": "2026-11-16",
    ] }

    @Test("logins: wrong password 401, a new login revokes the old token, no token 401")
    func tokens() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let wrong = try sandbox.call("POST", "/api/v31/authentication/login", ["username": "sandbox01", "password": "nope"])
        #expect(wrong.status == 401)
        #expect(Self.firstError(wrong.json).code == "UNAUTHORIZED")
        #expect(try sandbox.call("POST", "/api/v31/cases", Self.lpr).status == 401)
        let old = try Self.token(sandbox)
        #expect(try sandbox.call("POST", "/api/v31/cases", Self.lpr, headers: [("Authorization", "Bearer \(old)")]).status == 201)
        let new = try Self.token(sandbox)
        #expect(try sandbox.call("POST", "/api/v31/cases", Self.lpr, headers: [("Authorization", "Bearer \(old)")]).status == 401)
        #expect(try sandbox.call("POST", "/api/v31/cases", Self.lpr, headers: [("Authorization", "Bearer \(new)")]).status == 201)
    }

    @Test("a token ends after its life; a refresh of a live one replaces it")
    func tokenLife() throws {
        let sandbox = try SandboxProcess(arguments: ["--token-seconds", "1"])
        defer { sandbox.stop() }
        let first = try Self.token(sandbox)
        let refreshed = try sandbox.call("POST", "/api/v31/authentication/refresh", headers: [("Authorization", "Bearer \(first)")])
        #expect(refreshed.status == 200)
        let second = refreshed.json["access_token"] as? String ?? ""
        #expect(try sandbox.call("GET", "/api/v31/cases/updated", headers: [("Authorization", "Bearer \(first)")]).status == 401)
        #expect(try sandbox.call("GET", "/api/v31/cases/updated", headers: [("Authorization", "Bearer \(second)")]).status == 200)
        Thread.sleep(forTimeInterval: 1.3)
        #expect(try sandbox.call("GET", "/api/v31/cases/updated", headers: [("Authorization", "Bearer \(second)")]).status == 401)
    }

    @Test("unknown fields are refused (400) and the case is not created; the notice comes before a referral")
    func strictness() throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        _ = try sandbox.call("POST", "/sandbox/clock", ["set_date": "2026-11-16"])
        let auth = [("Authorization", "Bearer \(try Self.token(sandbox))")]
        var typo = Self.lpr
        typo["frist_name"] = "Omar"
        let refused = try sandbox.call("POST", "/api/v31/cases", typo, headers: auth)
        #expect(refused.status == 400)
        #expect(Self.firstError(refused.json).code == "UNKNOWN_FIELD")
        #expect(Self.firstError(refused.json).message?.contains("frist_name") == true)

        let created = try sandbox.call("POST", "/api/v31/cases", Self.lpr, headers: auth)
        let number = created.json["case_number"] as? String ?? ""
        #expect(number.count == 15)
        #expect(try sandbox.call("POST", "/api/v31/cases/\(number)/submit", ["extra": 1], headers: auth).status == 400)
        let submitted = try sandbox.call("POST", "/api/v31/cases/\(number)/submit", [:], headers: auth)
        #expect(submitted.json["case_status"] as? String == "PENDING_REFERRAL")
        #expect(submitted.json["tnc_type"] as? String == "DHS_TNC")
        let early = try sandbox.call("POST", "/api/v31/cases/\(number)/refer", [:], headers: auth)
        #expect(early.status == 422)
        #expect(Self.firstError(early.json).message?.contains("further action notice") == true)
        let client = TestHTTPClient(stream: try TLSTestClient(port: sandbox.port, caFile: sandbox.certificate.cert))
        let notice = try client.request("GET", "/api/v31/cases/\(number)/further_action_notice?language=english", headers: auth)
        client.stream.close()
        #expect(notice.status == 200)
        #expect(notice.header("Content-Type") == "application/pdf")
        #expect(notice.body.starts(with: Array("%PDF".utf8)))
        let referred = try sandbox.call("POST", "/api/v31/cases/\(number)/refer", [:], headers: auth)
        #expect(referred.json["case_status"] as? String == "REFERRED")
        #expect(referred.json["contact_by_date"] as? String == "2026-11-27")
        #expect(try sandbox.call("GET", "/api/v31/cases/NOPE/closure_reasons", headers: auth).status == 404)
    }
}
