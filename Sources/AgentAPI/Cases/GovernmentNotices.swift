import AgentCore
import HTTPCore
import Notices

extension CaseAPI {
    /// `source=government`: the government's own PDF of the notice, passed through as
    /// received (ICA mode); nil for `source=agent` (the default: the agent renders it,
    /// translations included). The simulator issues no notices of its own.
    func governmentNotice(_ request: HTTPRequest, number: String, name: String, language: String?) async throws -> HTTPResponse? {
        let source = request.queryParameter("source") ?? "agent"
        guard source != "agent" else { return nil }
        guard source == "government" else {
            throw ValidationFailure([FieldIssue(field: "source", code: FieldIssue.invalidValue, message: "source is agent or government.")])
        }
        guard let government = gateway as? any GovernmentNoticeSource else {
            throw ValidationFailure([FieldIssue(field: "source", code: FieldIssue.invalidValue,
                                                message: "The simulated government side issues no notices of its own; use source=agent.")])
        }
        // The interface names languages in words; English unless a translation was asked for.
        let word = language.flatMap(NoticeLanguages.resolve).map { $0 == "es" ? "spanish" : $0 } ?? "english"
        let bytes = name == "further_action_notice"
            ? try await government.furtherActionNotice(caseNumber: number, language: word)
            : try await government.referralDateConfirmation(caseNumber: number, language: word)
        var response = HTTPResponse(status: .ok, contentType: "application/pdf", body: bytes)
        response.headers.add("Content-Disposition", "inline; filename=\"\(number)-\(name)-government.pdf\"")
        return response
    }
}
