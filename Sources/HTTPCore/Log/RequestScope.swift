import Logging

/// The request a task is working for, so every log line written on its behalf carries
/// the request ID without each caller passing it: `RequestIDMiddleware` binds it around
/// the rest of the chain, and `metadataProvider` (given to `LoggingSystem.bootstrap`)
/// adds it to each line. Tasks started from a request inherit it.
public enum RequestScope {
    @TaskLocal public static var requestID: String?

    public static let metadataProvider = Logger.MetadataProvider {
        guard let id = requestID else { return [:] }
        return ["request_id": .string(id)]
    }
}
