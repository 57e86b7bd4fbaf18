/// A document of the agent's own records (posters, incident reports, annual reports): a
/// title, a reference and blocks of text in one language, laid out and paginated like the
/// case notices. The caller writes the words; this module only sets them.
public struct PlainDocument: Sendable, Equatable {
    /// One building block, in reading order.
    public enum Block: Sendable, Equatable {
        case title(String)
        case subtitle(String)
        case heading(String)
        case paragraph(String)
        case note(String)
        case bullets([String])
        /// A label/value table.
        case rows([(label: String, value: String)])
        /// A boxed line that must not be missed.
        case callout(String)

        public static func == (a: Block, b: Block) -> Bool {
            switch (a, b) {
            case let (.title(x), .title(y)), let (.subtitle(x), .subtitle(y)), let (.heading(x), .heading(y)),
                 let (.paragraph(x), .paragraph(y)), let (.note(x), .note(y)), let (.callout(x), .callout(y)):
                return x == y
            case let (.bullets(x), .bullets(y)): return x == y
            case let (.rows(x), .rows(y)): return x.map(\.label) == y.map(\.label) && x.map(\.value) == y.map(\.value)
            default: return false
            }
        }
    }

    public var title: String
    /// What the document is about (a client, an incident id), printed in the footer and metadata.
    public var reference: String
    /// The document's date: printed, and the PDF's creation date (same content, same bytes).
    public var issuedOn: String
    /// ISO 639-1 code of the text (chooses the fonts).
    public var languageCode: String
    /// The footer with `{page}` and `{pages}` to fill, in the document's language.
    public var footer: String
    public var blocks: [Block]

    public init(title: String, reference: String, issuedOn: String, languageCode: String = "en",
                footer: String? = nil, blocks: [Block]) {
        self.title = title
        self.reference = reference
        self.issuedOn = issuedOn
        self.languageCode = languageCode
        self.footer = footer ?? "\(title) · \(reference) · {page} / {pages}"
        self.blocks = blocks
    }

    var noticeDocument: NoticeDocument {
        let families = TranslationCatalog.embedded.translations[languageCode]?.fontFamilies ?? TranslationCatalog.embedded.english.fontFamilies
        let converted: [NoticeBlock] = blocks.map { block in
            switch block {
            case .title(let t): return .title(t)
            case .subtitle(let t): return .subtitle(t)
            case .heading(let t): return .heading(t)
            case .paragraph(let t): return .paragraph(t)
            case .note(let t): return .note(t)
            case .bullets(let items): return .bullets(items)
            case .rows(let rows): return .rows(rows.map { NoticeRow(label: $0.label, value: $0.value) })
            case .callout(let t): return .callout(t)
            }
        }
        return NoticeDocument(title: title, caseNumber: reference, issuedOn: issuedOn,
                              sections: [NoticeSection(languageCode: languageCode, fontFamilies: families, footer: footer, blocks: converted)])
    }
}

extension NoticeRenderer {
    /// Renders one of the agent's own documents to PDF or HTML.
    public func render(_ document: PlainDocument, format: NoticeFormat) async throws -> [UInt8] {
        let laidOut = document.noticeDocument
        switch format {
        case .html: return HTMLNoticeWriter.write(laidOut)
        case .pdf: return try await runPDF(laidOut)
        }
    }
}
