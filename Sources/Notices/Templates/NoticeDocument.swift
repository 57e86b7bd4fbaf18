/// A notice laid out as blocks of text in one or more languages, ready for a writer
/// (`HTMLNoticeWriter`, `PDFNoticeWriter`). Built by `NoticeTemplate`.
struct NoticeDocument: Sendable {
    /// The English title and case number, for the PDF's metadata and HTML `<title>`.
    let title: String
    let caseNumber: String
    let issuedOn: String
    let sections: [NoticeSection]
}

/// The whole notice in one language. Every section after the first starts on a new page.
struct NoticeSection: Sendable {
    let languageCode: String
    /// Font families for this language's text, first choice first.
    let fontFamilies: String
    /// The page footer with `{page}` and `{pages}` still to fill.
    let footer: String
    let blocks: [NoticeBlock]
}

/// One row of a label/value table.
struct NoticeRow: Sendable, Equatable {
    let label: String
    let value: String
}

/// The building blocks of every notice, in reading order.
enum NoticeBlock: Sendable, Equatable {
    case title(String)
    case subtitle(String)
    case heading(String)
    /// A smaller heading inside a section (one agency's part).
    case subheading(String)
    case paragraph(String)
    /// Smaller print: explanations of a table or a date.
    case note(String)
    case bullets([String])
    case rows([NoticeRow])
    /// A boxed line that must not be missed: a deadline, the case number to record.
    case callout(String)
    /// Tick boxes, one per choice (the employee's decision).
    case choices([String])
    /// Blocks printed on one page if they fit there at all (a decision with its signature lines).
    indirect case keepTogether([NoticeBlock])
    /// Signature lines, each with a date line labelled `dateLabel`.
    case signatures([String], dateLabel: String)
}
