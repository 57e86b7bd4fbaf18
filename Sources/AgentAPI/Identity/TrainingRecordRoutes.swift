import Foundation
import AgentCore
import HTTPCore
import Storage

extension IdentityAPI {
    func registerTraining(on router: RouterBuilder<AgentContext>) {
        let tags = ["training"]
        router.post("/api/v1/training/records", RouteDocumentation(
            "Record a knowledge test taken outside the system (TRN-2). Agent admins.", tags: tags,
            requestSchema: #"{"type":"object","required":["user_id","date","score_percent"],"properties":{"user_id":{"type":"string","maxLength":64},"date":{"type":"string","format":"date"},"score_percent":{"type":"integer","minimum":0,"maximum":100},"note":{"type":"string","maxLength":500}}}"#,
            responses: [.json("201", IdentitySchemas.trainingRecord, "Created")])) { request, context in
            let principal = try await auth.principal(request)
            try Authenticator.require(AccessPolicy.mayRecordTraining(principal), "Only agent admins record training results.")
            var body = try RequestBody(request)
            let userID = body.string("user_id", required: true, maxLength: 64).map(UserID.init)
            let date = body.date("date", required: true)
            let score = body.int("score_percent", required: true, range: 0...100)
            let note = body.string("note", maxLength: 500)
            if let date, let score {
                var issues = IssueCollector()
                TrainingRules.checkRecord(takenOn: date, scorePercent: score, today: Self.today(), into: &issues)
                for issue in issues.issues { body.note(issue) }
            }
            try body.finish()
            guard let userID, let date, let score else { throw ValidationFailure([]) }
            let record = NewTrainingRecord(userID: userID, takenOn: date, scorePercent: score, passed: TrainingRules.passes(scorePercent: score),
                                           curriculumVersion: settings.curriculumVersion, source: .external, note: note,
                                           recordedBy: principal.userID)
            do {
                let stored = try await repository.addTrainingRecord(record, scope: principal.scope,
                                                                    audit: .by(principal, context, action: "training.record", objectType: "training_record"))
                return .json(Representation.training(stored), status: .created)
            } catch RepositoryError.notFound {
                throw ValidationFailure([FieldIssue(field: "user_id", code: FieldIssue.invalidValue, message: "No such user.")])
            }
        }
        router.get("/api/v1/training/records", RouteDocumentation(
            "Training records (name, date, score, curriculum version); format=csv for a spreadsheet.", tags: tags,
            query: ["user_id", "format", "limit", "cursor"],
            responses: [.json("200", SchemaText.list("training_records", of: IdentitySchemas.trainingRecord)), SchemaText.csv()],
            parameters: ["format": #"{"enum":["json","csv"],"default":"json"}"#])) { request, _ in
            let principal = try await auth.principal(request)
            let userID = request.queryParameter("user_id").map(UserID.init)
            // Everyone may see their own records; admins and auditors those of their scope.
            if let userID, userID != principal.userID {
                try Authenticator.require(AccessPolicy.mayReadTraining(principal), "Only admins and auditors read others' training records.")
                // Another client's user does not exist for this caller.
                guard try await repository.user(userID, scope: principal.scope) != nil else { throw RepositoryError.notFound }
            } else if userID == nil {
                try Authenticator.require(AccessPolicy.mayReadTraining(principal), "Only admins and auditors list training records.")
            }
            let paging = try Self.paging(request)
            let page = try await repository.trainingRecords(scope: userID == principal.userID ? .allClients : principal.scope,
                                                            userID: userID, limit: paging.limit, after: paging.cursor)
            switch request.queryParameter("format") ?? "json" {
            case "json":
                return .json(JSONObjectWriter.list("training_records", items: page.items.map(Representation.training), nextCursor: page.nextCursor))
            case "csv":
                var csv = "user_id,full_name,date,score_percent,passed,curriculum_version,source,note\r\n"
                for r in page.items {
                    csv += [r.userID.rawValue, r.userFullName, r.takenOn.iso, String(r.scorePercent), String(r.passed), r.curriculumVersion,
                            r.source.rawValue, r.note ?? ""].map(CSV.field).joined(separator: ",") + "\r\n"
                }
                var response = HTTPResponse(status: .ok, contentType: "text/csv; charset=utf-8", body: Array(csv.utf8))
                if let next = page.nextCursor { response.headers.add("Link", "<?cursor=\(next)>; rel=\"next\"") }
                return response
            default:
                throw ValidationFailure([FieldIssue(field: "format", code: FieldIssue.invalidValue, message: "format is json or csv.")])
            }
        }
    }

    /// Today's date on the real clock (UTC), for "not in the future" checks of people's records.
    static func today() -> CivilDate {
        CivilDate(iso: String(UTCTime.nowISO().prefix(10))) ?? CivilDate.referenceDate
    }
}

/// RFC 4180 fields; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it.
enum CSV {
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
