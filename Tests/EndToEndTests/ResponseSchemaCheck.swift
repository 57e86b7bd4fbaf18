import Foundation
import Synchronization
import Testing
import TestSupport

/// The operations of one OpenAPI document and what each says it answers.
struct OpenAPIResponses: Sendable {
    let root: JSONTree
    private let templates: [(path: String, segments: [Substring])]

    init(document: JSONTree) {
        root = document
        templates = (document["paths"]?.object ?? [:]).keys.sorted().map { ($0, $0.split(separator: "/", omittingEmptySubsequences: false)) }
    }

    /// The path template serving `path` (query string removed); a literal segment wins
    /// over a parameter, as in the router.
    func template(for path: String) -> String? {
        let bare = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = bare.split(separator: "/", omittingEmptySubsequences: false)
        var best: (path: String, literals: [Bool])?
        for template in templates where template.segments.count == segments.count {
            var literals: [Bool] = []
            var fits = true
            for (pattern, segment) in zip(template.segments, segments) {
                if pattern.hasPrefix("{") && pattern.hasSuffix("}") {
                    if segment.isEmpty { fits = false; break }
                    literals.append(false)
                } else if pattern == segment {
                    literals.append(true)
                } else {
                    fits = false; break
                }
            }
            guard fits else { continue }
            if let current = best, !literals.lexicographicallyPrecedes(current.literals, by: { $0 && !$1 }) { continue }
            best = (template.path, literals)
        }
        return best?.path
    }

    /// What is wrong with this answer by the document; empty when it fits or the document
    /// does not describe it (an unknown path, or a success of an operation that documents
    /// no success body yet).
    func mismatches(method: String, path: String, status: Int, contentType: String?, body: [UInt8]) -> [String] {
        guard let template = template(for: path), let operation = root["paths"]?[template]?[method.lowercased()],
              let responses = operation["responses"]?.object else { return [] }
        let check = JSONSchemaCheck(root: root)
        let opted = responses.contains { key, value in key.hasPrefix("2") && resolved(value, check)["content"] != nil }
        let documented: JSONTree
        if let exact = responses[String(status)] {
            documented = resolved(exact, check)
        } else if status >= 400, let fallback = responses["default"] {
            documented = resolved(fallback, check)
        } else if (200..<300).contains(status) && opted {
            return ["status \(status) is not documented (documented: \(responses.keys.sorted().joined(separator: ", ")))"]
        } else {
            return []
        }
        guard status >= 400 || opted else { return [] }
        guard let content = documented["content"]?.object else {
            return body.isEmpty || method == "HEAD" ? [] : ["a body of \(body.count) bytes where the document says none"]
        }
        if method == "HEAD" { return [] }
        let mediaType = Self.mediaType(contentType ?? "")
        guard let entry = content.first(where: { Self.mediaType($0.key) == mediaType })?.value else {
            return ["Content-Type \(contentType ?? "(none)") is not documented (documented: \(content.keys.sorted().joined(separator: ", ")))"]
        }
        guard mediaType == "application/json" || mediaType.hasSuffix("+json"),
              let schema = entry["schema"], schema != .object([:]) else { return [] }
        let value: JSONTree
        do { value = try JSONTree.parse(body) } catch { return ["the body is not JSON: \(error)"] }
        return check.failures(value, against: schema).map(\.description)
    }

    private func resolved(_ response: JSONTree, _ check: JSONSchemaCheck) -> JSONTree {
        if let ref = response["$ref"]?.string { return check.resolve(ref) ?? .null }
        return response
    }

    static func mediaType(_ header: String) -> String {
        (header.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// Checks every reply an `APIClient` receives against the running server's own
/// `/openapi.json` (fetched once per port), so each end-to-end test also proves the
/// documented response schemas true. A mismatch is a test failure.
enum ResponseSchemaCheck {
    /// nil for a port whose server serves no readable document (not ours, or gone).
    private static let documents = Mutex<[Int: OpenAPIResponses?]>([:])

    static func check(port: Int, method: String, path: String, response: TestResponse, sourceLocation: SourceLocation) {
        guard let document = document(port: port) else { return }
        let found = document.mismatches(method: method, path: path, status: response.status,
                                        contentType: response.header("Content-Type"), body: response.body)
        guard !found.isEmpty else { return }
        let shown = found.prefix(8).joined(separator: "\n  ") + (found.count > 8 ? "\n  … and \(found.count - 8) more" : "")
        Issue.record(Comment(rawValue: "response outside /openapi.json: \(method) \(path) → \(response.status)\n  \(shown)"),
                     sourceLocation: sourceLocation)
    }

    private static func document(port: Int) -> OpenAPIResponses? {
        if let cached = documents.withLock({ $0[port] }) { return cached }
        var document: OpenAPIResponses?
        if let response = try? TestHTTPClient(port: port).request("GET", "/openapi.json"), response.status == 200,
           let tree = try? JSONTree.parse(response.body), tree["openapi"] != nil {
            document = OpenAPIResponses(document: tree)
        }
        documents.withLock { $0[port] = .some(document) }
        return document
    }
}
