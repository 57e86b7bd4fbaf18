import Crypto
import Foundation
import Storage
import Testing
import TestSupport

/// A SIGKILL in the middle of a purge batch or of a key rotation leaves every case
/// either fully old or fully new (the kill pattern of the storage crash probe: run the
/// real process, kill it mid-stream, read the files it left).
@Suite(.serialized) struct RetentionCrashTests {
    static let count = 120

    static func ssn(_ i: Int) -> String {
        String(format: "%03d-%02d-%04d", 200 + i, 10 + i % 80, 1000 + i)
    }

    /// A desk with `count` drafts whose roster hires left on 2026-12-01 (retention until 2029-11-16).
    static func loadedDesk() throws -> CaseEndToEndTests.Desk {
        let desk = try CaseEndToEndTests.openDesk()
        var csv = "employee_id,first_name,last_name,first_day_of_work,termination_date\n"
        for i in 0..<count {
            let body = CaseEndToEndTests.body(client: desk.client, ssn: ssn(i), first: "Crash", last: "Person", dob: "1990-02-14",
                                              extra: ["employer_case_id": "K\(i)"])
            _ = try CaseEndToEndTests.created(try desk.admin.call("POST", "/api/v1/cases", body))
            csv += "K\(i),Crash,Person,2026-11-16,2026-12-01\n"
        }
        let upload = try desk.admin.send("POST", "/api/v1/clients/\(desk.client)/hires", text: csv, contentType: "text/csv")
        guard upload.status == 200 else { throw TestClientError.malformed("roster: \(upload.response.bodyText)") }
        return desk
    }

    static func cipher(_ dataDir: URL) throws -> FieldCipher {
        let keys = try FieldKeyFile.loadAll(at: dataDir.appendingPathComponent("field.key").path)
        return try FieldCipher(keys: Dictionary(keys.map { ($0.id, $0.bytes) }, uniquingKeysWith: { $1 }), currentKeyID: keys.last?.id ?? 1)
    }

    struct Row {
        var number: String
        var sealed: [UInt8]
        var index: [UInt8]
        var purged: Bool
        var reported: Bool
        var audited: Bool
    }

    static func rows(_ dataDir: URL) throws -> [Row] {
        let db = try DataDirectoryScan.database(dataDir)
        return try db.query("""
            SELECT c.case_number, c.data, c.ssn_index, json_extract(c.progress, '$.purge') IS NOT NULL,
                   EXISTS (SELECT 1 FROM purge_reports p WHERE p.case_number = c.case_number),
                   EXISTS (SELECT 1 FROM audit_log a WHERE a.object_type = 'case' AND a.object_id = c.case_number AND a.action = 'case.purge')
            FROM cases c
            """) { r in
            Row(number: r.string(at: 0) ?? "", sealed: r.blob(at: 1) ?? [], index: r.blob(at: 2) ?? [], purged: r.int64(at: 3) == 1,
                reported: r.int64(at: 4) == 1, audited: r.int64(at: 5) == 1)
        }
    }

    @Test("RET-2: SIGKILL during a purge batch: each case fully purged (data, index, report, audit) or fully kept")
    func test_RET2_killDuringPurgeBatch() throws {
        let desk = try Self.loadedDesk()
        let dir = desk.world.agent.dataDir
        let port = desk.port
        let token = desk.admin.token
        // The clock moves on another thread: its answer never comes, the process dies under it.
        Thread.detachNewThread {
            let mover = try? APIClient(port: port)
            mover?.token = token
            _ = try? mover?.call("POST", "/api/v1/simulator/clock", ["set_date": "2029-11-17"])
        }
        let deadline = Date().addingTimeInterval(60)
        var seen = 0
        while Date() < deadline {
            seen = Int((try? DataDirectoryScan.database(dir).scalar("SELECT count(*) FROM purge_reports")?.int64Value) ?? 0)
            if seen > 0 { break }
            Thread.sleep(forTimeInterval: 0.002)
        }
        desk.world.agent.signal(SIGKILL)
        _ = desk.world.agent.waitForExit(seconds: 10)
        #expect(seen > 0, "the purge never started")
        let cipher = try Self.cipher(dir)
        let rows = try Self.rows(dir)
        #expect(rows.count == Self.count)
        var purged = 0
        for row in rows {
            let plain = String(decoding: try cipher.open(row.sealed, context: Array("case:\(row.number)".utf8)), as: UTF8.self)
            let holdsSSN = plain.contains("Crash")
            if row.purged {
                purged += 1
                #expect(row.index.isEmpty && row.reported && row.audited && !holdsSSN, "\(row.number) half purged")
            } else {
                #expect(row.index.count == 32 && !row.reported && !row.audited && holdsSSN, "\(row.number) half purged")
            }
        }
        #expect(purged < Self.count, "the kill came after the whole purge")
        // A restart finishes the job on its next run.
        let agent = try AgentProcess(environment: IdentityEndToEndTests.environment, dataDir: dir)
        defer { agent.stop() }
        let admin = try APIClient(port: agent.httpPort ?? 0)
        #expect(try admin.login("root", IdentityEndToEndTests.adminPassword).status == 200)
        #expect(try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2029-11-18"]).status == 200)
        let lines = try admin.call("GET", "/api/v1/purge_reports")["purges"] as? [[String: Any]] ?? []
        #expect(lines.count == Self.count, "purged before the kill: \(purged)")
    }

    @Test("Key rotation: SIGKILL mid-way leaves every case under the old or the new key, whole; the next run finishes it")
    func test_rotateFieldKey_killAndResume() throws {
        let desk = try Self.loadedDesk()
        let dir = desk.world.agent.dataDir
        desk.world.agent.stop()
        let binary = try AgentProcess.binary()
        func rotation() throws -> (Process, Pipe) {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["rotate-field-key", "--data-dir", dir.path, "--batch-size", "3"]
            var env = ProcessInfo.processInfo.environment
            for (key, value) in IdentityEndToEndTests.environment { env[key] = value }
            process.environment = env
            let pipe = Pipe()
            process.standardError = pipe
            process.standardOutput = pipe
            try process.run()
            return (process, pipe)
        }
        // Killed as soon as the first batch is reported.
        let (first, pipe) = try rotation()
        var output = Data()
        while !output.contains(Data("so far".utf8)) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output.append(chunk)
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let cipher = try Self.cipher(dir)
        #expect(cipher.keyIDs == [1, 2])
        var byKey: [UInt8: Int] = [:]
        for row in try Self.rows(dir) {
            let key = FieldCipher.keyID(of: row.sealed) ?? 0
            byKey[key, default: 0] += 1
            let plain = try cipher.open(row.sealed, context: Array("case:\(row.number)".utf8))
            #expect(String(decoding: plain, as: UTF8.self).contains("Crash"), "\(row.number)")
        }
        #expect(Set(byKey.keys).isSubset(of: [1, 2]) && byKey.values.reduce(0, +) == Self.count)
        #expect((byKey[1] ?? 0) > 0 && (byKey[2] ?? 0) > 0, "killed mid-way: \(byKey)")
        // The next run resumes toward the same key (no third key) and finishes.
        let (second, secondPipe) = try rotation()
        second.waitUntilExit()
        let log = String(decoding: secondPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(second.terminationStatus == 0, "\(log)")
        #expect(log.contains("interrupted rotation was finished"), "\(log)")
        #expect(try Self.cipher(dir).keyIDs == [1, 2])
        #expect(try Self.rows(dir).allSatisfy { FieldCipher.keyID(of: $0.sealed) == 2 })
        // The service reads the cases under the new key; the rotation is in the audit trail.
        let agent = try AgentProcess(environment: IdentityEndToEndTests.environment, dataDir: dir)
        defer { agent.stop() }
        let admin = try APIClient(port: agent.httpPort ?? 0)
        #expect(try admin.login("root", IdentityEndToEndTests.adminPassword).status == 200)
        let page = try admin.call("GET", "/api/v1/cases?limit=1")["cases"] as? [[String: Any]] ?? []
        #expect((page.first?["ssn"] as? String)?.hasPrefix("***-**-") == true)
        let audit = try admin.call("GET", "/api/v1/audit?format=json")
        #expect(audit.response.bodyText.contains("field_key.rotate"))
    }
}
