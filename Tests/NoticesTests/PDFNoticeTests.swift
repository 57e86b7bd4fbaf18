import AgentCore
import Foundation
import Testing
@testable import Notices

/// The PDF format, checked from outside with poppler and qpdf: every notice kind in
/// every shipped language carries the case number, the names and the right dates.
@Suite struct PDFNoticeTests {
    /// Text compared with all whitespace removed: line breaks fall anywhere, even
    /// inside a hyphenated name.
    static func compact(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    /// The dates each notice must print, as (date, why).
    static func requiredDates(_ content: NoticeContent) -> [(CivilDate, String)] {
        switch content.kind {
        case .furtherActionNotice: [(Fixture.issued, "issue date"), (Fixture.decisionDue, "decision deadline (TNC-10)")]
        case .referralDateConfirmation: [(Fixture.referred, "referral date"), (Fixture.contactBy, "contact-by deadline (TNC-4)")]
        case .caseSummary: [(Fixture.referred, "issue date"), (Fixture.contactBy, "contact-by deadline (TNC-4)")]
        }
    }

    @Test(arguments: NoticeLanguages.shipped)
    func everyNoticeCarriesItsFactsInEnglishAndTheTranslation(language: String) async throws {
        let renderer = try SharedRenderer.get()
        let catalog = TranslationCatalog.embedded
        let translation = try #require(catalog.translations[language])
        for notice in Fixture.everyNotice {
            let pdf = try await renderer.render(notice.content, language: language, format: .pdf)
            let text = Self.compact(try extractText(pdf))
            let label = "\(notice.name) in \(language)"
            #expect(text.contains(Fixture.caseNumber), "\(label): case number")
            #expect(text.contains(Self.compact("Marisol J. Quintero-Vance")), "\(label): employee name")
            #expect(text.contains(Self.compact(Fixture.employer)), "\(label): employer")
            #expect(text.contains("***-**-6789"), "\(label): masked SSN")
            #expect(!text.contains("123-45-6789"), "\(label): the full SSN leaked")
            for (date, why) in Self.requiredDates(notice.content) {
                #expect(text.contains(Self.compact(catalog.english.date(date))), "\(label): English \(why)")
                #expect(text.contains(Self.compact(translation.date(date))), "\(label): \(language) \(why)")
            }
            #expect(text.contains(Self.compact(translation.text(notice.content.kind.titleKey))), "\(label): translated title")
        }
    }

    @Test func englishDatesAreSpelledOut() async throws {
        let pdf = try await SharedRenderer.get().render(Fixture.rdc(.ssa), language: nil, format: .pdf)
        let text = Self.compact(try extractText(pdf))
        #expect(text.contains(Self.compact("no later than Tuesday, December 8, 2026")))
        #expect(text.contains(Self.compact("Wednesday, November 25, 2026")))
        #expect(text.contains(Self.compact("Visit a Social Security Administration field office")))
        #expect(!text.contains(Self.compact("How to contact DHS")), "an SSA referral has no DHS steps")
    }

    @Test func spanishDeadlineIsSpelledInSpanish() async throws {
        let pdf = try await SharedRenderer.get().render(Fixture.rdc(.dual), language: "es", format: .pdf)
        let text = Self.compact(try extractText(pdf))
        #expect(text.contains(Self.compact("A más tardar el martes, 8 de diciembre de 2026, acuda a una oficina local de la SSA")))
        #expect(text.contains(Self.compact("Cómo comunicarse con la SSA")))
        #expect(text.contains(Self.compact("Cómo comunicarse con el DHS")))
    }

    @Test func englishAloneByDefault() async throws {
        let pdf = try await SharedRenderer.get().render(Fixture.fan(.ssa), language: nil, format: .pdf)
        let text = try extractText(pdf)
        #expect(text.contains("Further Action Notice"))
        #expect(!text.contains("Aviso de Acción Adicional"))
    }

    @Test(arguments: NoticeLanguages.shipped)
    func qpdfFindsEveryNoticeValid(language: String) async throws {
        let renderer = try SharedRenderer.get()
        let scratch = try ScratchDirectory()
        for notice in Fixture.everyNotice {
            let pdf = try await renderer.render(notice.content, language: language, format: .pdf)
            #expect(pdf.starts(with: Array("%PDF-".utf8)))
            let file = try scratch.write(pdf, as: "\(notice.name)-\(language).pdf")
            #expect(throws: Never.self, "\(notice.name) in \(language)") { try runTool("qpdf", ["--check", file.path]) }
            let info = String(decoding: try runTool("pdfinfo", [file.path]), as: UTF8.self)
            #expect(info.contains("612 x 792 pts (letter)"), "\(notice.name): US Letter")
        }
    }

    @Test(arguments: NoticeLanguages.shipped)
    func renderingTwiceGivesTheSameBytes(language: String) async throws {
        let renderer = try SharedRenderer.get()
        for notice in Fixture.everyNotice {
            let first = try await renderer.render(notice.content, language: language, format: .pdf)
            let second = try await renderer.render(notice.content, language: language, format: .pdf)
            #expect(first == second, "\(notice.name) in \(language)")
        }
    }

    @Test func metadataDatesAreTheIssueDate() async throws {
        let scratch = try ScratchDirectory()
        let pdf = try await SharedRenderer.get().render(Fixture.fan(.dual), language: nil, format: .pdf)
        let file = try scratch.write(pdf, as: "fan.pdf")
        let info = String(decoding: try runTool("pdfinfo", ["-isodates", file.path]), as: UTF8.self)
        #expect(info.contains("2026-11-24T00:00:00"), "\(info)")
        #expect(info.contains("Further Action Notice — 2026328000042QK"))
    }

    @Test func test_TNC2_aTranslationStartsOnItsOwnPageAfterTheEnglishText() async throws {
        let renderer = try SharedRenderer.get()
        let englishPages = try await renderer.renderPDF(try renderer.document(Fixture.fan(.dhsPhoto), language: nil)).pageCount
        let pdf = try await renderer.render(Fixture.fan(.dhsPhoto), language: "es", format: .pdf)
        let scratch = try ScratchDirectory()
        let file = try scratch.write(pdf, as: "fan.pdf")
        func page(_ number: Int) throws -> String {
            let data = try runTool("pdftotext", ["-enc", "UTF-8", "-f", "\(number)", "-l", "\(number)", file.path, "-"])
            return String(decoding: data, as: UTF8.self).trimmingSpaces
        }
        #expect(try page(1).hasPrefix("Further Action Notice"))
        #expect(try page(englishPages).contains("Your decision"), "the English text ends on its last page")
        #expect(try page(englishPages + 1).hasPrefix("Esta parte repite en español"), "the translation starts a page")
        #expect(!(try page(englishPages)).contains("Aviso de Acción Adicional"))
    }

    @Test func concurrentCallersAllGetTheirNotice() async throws {
        let renderer = try SharedRenderer.get()
        let reference = try await renderer.render(Fixture.fan(.ssa), language: "es", format: .pdf)
        try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 { group.addTask { try await renderer.render(Fixture.fan(.ssa), language: "es", format: .pdf) } }
            for try await pdf in group { #expect(pdf == reference) }
        }
    }
}
