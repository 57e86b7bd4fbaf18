import AgentCore
import Testing
@testable import Notices

/// The HTML format: escaped, bilingual on request, English alone by default.
@Suite struct HTMLNoticeTests {
    func html(_ content: NoticeContent, language: String? = nil) async throws -> String {
        let bytes = try await SharedRenderer.get().render(content, language: language, format: .html)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func markupInNamesComesOutAsText() async throws {
        let input = Fixture.input(firstName: "<script>alert(1)</script>", lastName: "O'Brien & \"Sons\"")
        let content = NoticeBuilder.furtherActionNotice(caseNumber: "<b>1</b>", input: input, mismatch: .ssa,
                                                        issuedOn: Fixture.issued, decisionDueDate: Fixture.decisionDue,
                                                        employerName: "<img src=x onerror=alert(2)>")
        let page = try await html(content, language: "es")
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("<b>1</b>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("O&#39;Brien &amp; &quot;Sons&quot;"))
        #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;"))
    }

    @Test func englishAloneByDefault() async throws {
        let page = try await html(Fixture.fan(.dhs))
        #expect(page.contains("Further Action Notice"))
        #expect(page.contains("<section class=\"notice\" lang=\"en\""))
        #expect(!page.contains("lang=\"es\""))
        #expect(!page.contains("Aviso de Acción Adicional"))
    }

    @Test func test_TNC2_aTranslationComesAfterTheEnglishText() async throws {
        let page = try await html(Fixture.fan(.dhs), language: "spanish")
        let english = try #require(page.range(of: "Further Action Notice</h1>"))
        let spanish = try #require(page.range(of: "Aviso de Acción Adicional</h1>"))
        #expect(english.lowerBound < spanish.lowerBound)
        #expect(page.contains("lang=\"es\""))
        #expect(page.contains("Tuesday, December 9, 2026") == false)
        #expect(page.contains("Wednesday, December 9, 2026"))
        #expect(page.contains("miércoles, 9 de diciembre de 2026"))
    }

    @Test func englishRequestedExplicitlyIsNotRepeated() async throws {
        let page = try await html(Fixture.rdc(.ssa), language: "en")
        #expect(page.components(separatedBy: "<section").count == 2)
    }

    @Test func anUnshippedLanguageIsRefused() async throws {
        await #expect(throws: NoticeError.unsupportedLanguage("tlh")) {
            _ = try await html(Fixture.fan(.ssa), language: "tlh")
        }
    }

    @Test func htmlIsDeterministic() async throws {
        let first = try await html(Fixture.summary(), language: "es")
        let second = try await html(Fixture.summary(), language: "es")
        #expect(first == second)
    }

    @Test func test_TNC5_rightsAndSignatureLinesAreOnEveryNotice() async throws {
        for notice in Fixture.everyNotice {
            let page = try await html(notice.content)
            #expect(page.contains("Your rights"), "\(notice.name)")
            #expect(page.contains("may not act against you"), "\(notice.name)")
            #expect(page.contains("Immigrant and Employee Rights Section"), "\(notice.name)")
            #expect(page.contains("Employee&#39;s signature"), "\(notice.name)")
            #expect(page.contains("employer&#39;s representative"), "\(notice.name)")
        }
    }
}
