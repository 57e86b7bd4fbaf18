/// Renders notices to PDF or HTML. Holds the one render thread of the process
/// (create one renderer at start-up and share it); `Sendable`, so any task may call it.
public final class NoticeRenderer: Sendable {
    /// Where the shipped fonts are installed (Debian packages fonts-noto-core,
    /// fonts-dejavu-core, fonts-wqy-microhei). TrueType only: see `FontSetup`.
    public static let defaultFontDirectories = [
        "/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/wqy",
    ]

    private let thread: RenderThread
    private let contacts: NoticeContacts

    /// Starts the render thread and loads the fonts; throws `NoticeError.fontsUnavailable`
    /// when the pinned font families are not installed.
    public init(contacts: NoticeContacts = NoticeContacts(),
                fontDirectories: [String] = NoticeRenderer.defaultFontDirectories) throws {
        self.contacts = contacts
        thread = try RenderThread(fontDirectories: fontDirectories)
    }

    /// The notice in English alone (`language` nil or English), or in English followed
    /// by the translation into `language` (a shipped code or name: see
    /// `NoticeLanguages.resolve`), so the employee always has the English text (TNC-2).
    /// Throws `NoticeError.unsupportedLanguage` for a language not shipped.
    public func render(_ content: NoticeContent, language: String?, format: NoticeFormat) async throws -> [UInt8] {
        let document = try document(content, language: language)
        switch format {
        case .html: return HTMLNoticeWriter.write(document)
        case .pdf: return try await thread.run { engine throws(NoticeError) in try engine.render(document).bytes }
        }
    }

    /// A laid-out document to PDF on the render thread.
    func runPDF(_ document: NoticeDocument) async throws -> [UInt8] {
        try await thread.run { engine throws(NoticeError) in try engine.render(document).bytes }
    }

    /// The laid-out text of a notice, before any format.
    func document(_ content: NoticeContent, language: String?) throws(NoticeError) -> NoticeDocument {
        var translation: Translation?
        if let language {
            guard let code = NoticeLanguages.resolve(language), let found = TranslationCatalog.embedded.translations[code] else {
                throw .unsupportedLanguage(language)
            }
            translation = found
        }
        return NoticeTemplate.document(content, translation: translation, contacts: contacts)
    }

    /// For tests: the PDF with the ink box of every glyph.
    func renderPDF(_ document: NoticeDocument) async throws(NoticeError) -> PDFEngine.Output {
        try await thread.run { engine throws(NoticeError) in try engine.render(document, collectGlyphs: true) }
    }

    /// For tests: cairo's own coverage images of the pages, the reference for glyph checks.
    func coverageImages(_ document: NoticeDocument, dpi: Double) async throws(NoticeError) -> [CoverageImage] {
        try await thread.run { engine throws(NoticeError) in try engine.coverageImages(document, dpi: dpi) }
    }
}
