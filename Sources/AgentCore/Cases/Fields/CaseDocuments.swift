/// The Form I-9 documents a case names: one List A document, or a List B and a List
/// C document. The enum makes "both" and "B without C" unrepresentable.
public enum CaseDocuments: Sendable, Equatable, Hashable {
    case listA(DocumentType)
    case listBAndC(listB: DocumentType, listC: DocumentType)

    /// The List A document, if that is what was presented.
    public var listA: DocumentType? {
        if case .listA(let document) = self { return document }
        return nil
    }

    /// The List B document, if a pair was presented.
    public var listB: DocumentType? {
        if case .listBAndC(let document, _) = self { return document }
        return nil
    }

    /// The List C document, if a pair was presented.
    public var listC: DocumentType? {
        if case .listBAndC(_, let document) = self { return document }
        return nil
    }

    /// The document the case's `document_sub_type_code`, `expiration_date` and
    /// document numbers describe: the List A document, or else the List B one
    /// (the List C document is named only).
    public var primary: DocumentType {
        switch self {
        case .listA(let document): document
        case .listBAndC(let document, _): document
        }
    }

    /// Every document named, List A or B first.
    public var all: [DocumentType] {
        switch self {
        case .listA(let document): [document]
        case .listBAndC(let b, let c): [b, c]
        }
    }

    /// DOC-2: whether the case will go through photo matching.
    public var needsPhotoMatching: Bool { all.contains(where: \.photoMatching) }
}
