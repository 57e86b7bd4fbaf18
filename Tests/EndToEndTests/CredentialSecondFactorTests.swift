import Crypto
import Foundation
import Testing
import TestSupport

/// Issue 7 over HTTP: TOTP enrollment and login with a code, and the admin requirement
/// (`AGENT_TOTP_REQUIRED_FOR_ADMINS=true`). Codes are made here from the secret the
/// server hands out, exactly as an authenticator app would.
@Suite struct CredentialSecondFactorTests {
    typealias Identity = IdentityEndToEndTests

    /// The code `steps` time steps from now (±1 step is inside the server's window).
    static func code(_ secret: String, steps: Int64 = 0) -> String {
        TOTP.code(secret: Base32.decode(secret) ?? [], at: Int64(Date().timeIntervalSince1970) + steps * TOTP.defaultPeriod)
    }

    /// A 6-digit code that is none of the codes the server would accept now.
    static func wrongCode(_ secret: String) -> String {
        let valid = Set((-2...2).map { code(secret, steps: Int64($0)) })
        return ["000000", "111111", "222222"].first { !valid.contains($0) } ?? "333333"
    }

    static func login(_ api: APIClient, _ username: String, _ password: String, code: String?) throws -> APIClient.Reply {
        var body: [String: Any] = ["username": username, "password": password]
        if let code { body["totp_code"] = code }
        let reply = try api.call("POST", "/api/v1/authentication/login", body, token: "")
        if reply.status == 200 { api.token = reply["access_token"] as? String }
        return reply
    }

    /// Enrolls the signed-in user and returns the base32 secret.
    static func enroll(_ api: APIClient) throws -> String {
        let started = try api.call("POST", "/api/v1/users/me/totp")
        guard started.status == 201, let secret = started["secret"] as? String else {
            throw TestClientError.malformed("totp enroll: \(started.status) \(started.response.bodyText)")
        }
        let confirmed = try api.call("POST", "/api/v1/users/me/totp/confirm", ["code": code(secret)])
        guard confirmed.status == 200 else { throw TestClientError.malformed("totp confirm: \(confirmed.response.bodyText)") }
        return secret
    }

    @Test("ACC-1: after TOTP enrollment, login needs a fresh code, and bad codes count toward the lockout")
    func test_ACC1_enrollAndSignInWithTOTP() async throws {
        let world = try Identity.startWorld()
        defer { world.agent.stop() }
        let port = world.port
        try Identity.inline {
            let acme = try Identity.client(world.admin, name: "Acme", ein: "12-3456789")
            _ = try Identity.user(world.admin, "acme.clerk", role: "CLIENT_USER", client: acme)
            let api = try Identity.activate(port, "acme.clerk", new: "acme-clerk-password-1")

            let started = try api.call("POST", "/api/v1/users/me/totp")
            #expect(started.status == 201)
            let secret = started["secret"] as? String ?? ""
            #expect(Base32.decode(secret)?.count == 20)
            #expect((started["otpauth_uri"] as? String)?.hasPrefix("otpauth://totp/Employer%20Agent:acme.clerk?secret=\(secret)&") == true)
            // Pending is not on: the password alone still signs in.
            #expect(try Self.login(APIClient(port: port), "acme.clerk", "acme-clerk-password-1", code: nil).status == 200)
            let wrong = try api.call("POST", "/api/v1/users/me/totp/confirm", ["code": Self.wrongCode(secret)])
            #expect(wrong.status == 422)
            #expect(wrong.errorFields == ["code"])
            #expect(try api.call("POST", "/api/v1/users/me/totp/confirm", ["code": Self.code(secret)]).status == 200)
            #expect(try api.call("GET", "/api/v1/users/me")["totp_enabled"] as? Bool == true)
            #expect(try api.call("POST", "/api/v1/users/me/totp").status == 409)

            let fresh = try APIClient(port: port)
            let missing = try Self.login(fresh, "acme.clerk", "acme-clerk-password-1", code: nil)
            #expect(missing.status == 401)
            #expect(missing["type"] as? String == "/problems/totp-required")
            #expect(missing.errorCodes == ["REQUIRED"])
            let bad = try Self.login(fresh, "acme.clerk", "acme-clerk-password-1", code: Self.wrongCode(secret))
            #expect(bad.status == 401)
            #expect(bad["type"] as? String == "/problems/totp-required")
            // A right code with a wrong password reveals nothing about the code.
            #expect(try Self.login(fresh, "acme.clerk", "not-the-password-0", code: Self.code(secret, steps: 1))["type"] as? String
                    == "/problems/bad-credentials")
            // The code of the next step (the confirming one is used up) signs in, once.
            let next = Self.code(secret, steps: 1)
            let good = try Self.login(fresh, "acme.clerk", "acme-clerk-password-1", code: next)
            #expect(good.status == 200)
            #expect(try fresh.call("GET", "/api/v1/users/me").status == 200)
            let replay = try Self.login(APIClient(port: port), "acme.clerk", "acme-clerk-password-1", code: next)
            #expect(replay.status == 401)
            #expect(replay["type"] as? String == "/problems/totp-required")

            // The replay was failure 1 since the last good login; four more lock the username.
            var statuses: [Int] = []
            for _ in 0..<4 { statuses.append(try Self.login(APIClient(port: port), "acme.clerk", "acme-clerk-password-1", code: nil).status) }
            #expect(statuses == [401, 401, 401, 429])
        }
    }

    @Test("ACC-1: with totp_required_for_admins, an admin without TOTP may only enroll")
    func test_ACC1_adminsMustEnrollTOTP() async throws {
        let world = try Identity.startWorld(environment: ["AGENT_TOTP_REQUIRED_FOR_ADMINS": "true"])
        defer { world.agent.stop() }
        let port = world.port
        try Identity.inline {
            let root = world.admin
            let held = try root.call("GET", "/api/v1/clients")
            #expect(held.status == 403)
            #expect(held.errorCodes == ["TOTP_REQUIRED"])
            #expect(try root.call("POST", "/api/v1/clients", ["name": "Acme", "ein": "12-3456789", "mou_effective_date": "2024-01-02"])
                .errorCodes == ["TOTP_REQUIRED"])
            let me = try root.call("GET", "/api/v1/users/me")
            #expect(me.status == 200)
            #expect(me["totp_enabled"] as? Bool == false)
            let rootSecret = try Self.enroll(root)
            // The same session goes on once the second factor is on.
            let acme = try Identity.client(root, name: "Acme", ein: "12-3456789")
            #expect(try Self.login(APIClient(port: port), "root", Identity.adminPassword, code: nil).status == 401)
            #expect(try Self.login(APIClient(port: port), "root", Identity.adminPassword, code: Self.code(rootSecret, steps: 1)).status == 200)

            // Users who are not admins are not asked.
            _ = try Identity.user(root, "acme.clerk", role: "CLIENT_USER", client: acme)
            let clerk = try Identity.activate(port, "acme.clerk", new: "acme-clerk-password-1")
            #expect(try clerk.call("GET", "/api/v1/clients").status == 200)

            // A new client admin first replaces the given password (still allowed), then must enroll.
            _ = try Identity.user(root, "acme.admin", role: "CLIENT_ADMIN", client: acme)
            let admin = try Identity.activate(port, "acme.admin", new: "acme-admin-password-1")
            #expect(try admin.call("GET", "/api/v1/users").errorCodes == ["TOTP_REQUIRED"])
            #expect(try admin.call("GET", "/api/v1/users/me").status == 200)
            _ = try Self.enroll(admin)
            #expect(try admin.call("GET", "/api/v1/users").status == 200)
            #expect(try admin.call("POST", "/api/v1/authentication/logout").status == 204)
        }
    }
}
