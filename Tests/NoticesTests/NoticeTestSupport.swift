import AgentCore
import Foundation
@testable import Notices

/// The repository root, found from this file's location (Tests/NoticesTests/…).
func repositoryRoot(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

struct ToolFailure: Error, CustomStringConvertible {
    let description: String
}

/// One renderer for the whole test run: it owns the render thread, as in the service.
enum SharedRenderer {
    static let result = Result { try NoticeRenderer(contacts: NoticeContacts(dhsTelephone: "1-888-000-0000 (test)")) }

    static func get() throws -> NoticeRenderer { try result.get() }
}

/// The cases the tests render: every field a notice shows, with values easy to find.
enum Fixture {
    static let caseNumber = "2026328000042QK"
    static let employer = "Harbor Street Bakery LLC"
    static let issued = date(2026, 11, 24)        // a Tuesday
    static let decisionDue = date(2026, 12, 9)    // 10 federal work days later, Thanksgiving skipped (TNC-10)
    static let referred = date(2026, 11, 25)      // a Wednesday, the day before Thanksgiving
    static let contactBy = date(2026, 12, 8)      // 8 federal work days after it, Thanksgiving skipped (TNC-4)

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        guard let date = CivilDate(year: year, month: month, day: day) else { preconditionFailure("bad test date") }
        return date
    }

    static func input(firstName: String = "Marisol", lastName: String = "Quintero-Vance") -> CaseInput {
        var input = CaseInput()
        input.firstName = firstName
        input.middleInitial = "J"
        input.lastName = lastName
        input.dateOfBirth = date(1991, 4, 17)
        input.ssn = "123-45-6789"
        input.citizenshipStatusCode = "LAWFUL_PERMANENT_RESIDENT"
        input.alienNumber = "A012345678"
        input.documentATypeCode = "FORM_I551"
        input.i551Number = "IOE0123456789"
        input.expirationDate = date(2031, 6, 30)
        input.dateOfHire = date(2026, 11, 16)
        input.employeeEmailAddress = "marisol@example.com"
        return input
    }

    static func fan(_ mismatch: MismatchKind, input: CaseInput = input()) -> NoticeContent {
        NoticeBuilder.furtherActionNotice(caseNumber: caseNumber, input: input, mismatch: mismatch, issuedOn: issued,
                                          decisionDueDate: decisionDue, employerName: employer)
    }

    static func rdc(_ mismatch: MismatchKind, input: CaseInput = input()) -> NoticeContent {
        NoticeBuilder.referralDateConfirmation(caseNumber: caseNumber, input: input, mismatch: mismatch, referredOn: referred,
                                               contactBy: contactBy, employerName: employer)
    }

    /// A case referred to both agencies, as the summary prints it.
    static func summary(input: CaseInput = input()) -> NoticeContent {
        var progress = CaseProgress(createdOn: date(2026, 11, 17))
        progress.status = .referred
        progress.submittedOn = date(2026, 11, 17)
        progress.mismatch = .dual
        progress.mismatchOn = issued
        progress.ssaReferral = .referred
        progress.dhsReferral = .referred
        progress.referredOn = referred
        progress.contactBy = contactBy
        return NoticeBuilder.caseSummary(caseNumber: caseNumber, input: input, progress: progress, employerName: employer,
                                         issuedOn: referred)
    }

    /// One notice of each kind (every mismatch kind for FAN and RDC).
    static var everyNotice: [(name: String, content: NoticeContent)] {
        MismatchKind.allCases.map { ("fan-\($0.rawValue)", fan($0)) }
            + MismatchKind.allCases.map { ("rdc-\($0.rawValue)", rdc($0)) }
            + [("summary", summary())]
    }
}

/// Runs a command-line tool (pdftotext, qpdf, pdftoppm) and returns its standard output.
@discardableResult
func runTool(_ tool: String, _ arguments: [String], acceptExitCodes: Set<Int32> = [0]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard acceptExitCodes.contains(process.terminationStatus) else {
        throw ToolFailure(description: "\(tool) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    }
    return data
}

/// A scratch directory removed when the test is done.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("notices-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ bytes: [UInt8], as name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file
    }
}

/// The text of a PDF as pdftotext extracts it, whitespace runs folded to one space
/// (a date wrapped across two lines still reads as one phrase).
func extractText(_ pdf: [UInt8]) throws -> String {
    let scratch = try ScratchDirectory()
    let file = try scratch.write(pdf, as: "notice.pdf")
    let data = try runTool("pdftotext", ["-enc", "UTF-8", file.path, "-"])
    return String(decoding: data, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
