/// The documents this module produces for a case.
public enum NoticeKind: String, Sendable, CaseIterable {
    /// TNC-2: handed to the employee in private when a mismatch arrives.
    case furtherActionNotice
    /// TNC-3/TNC-4: produced at the moment of referral, with the contact-by date.
    case referralDateConfirmation
    /// CASE-3: the printable record, with the case verification number, for the employer's file.
    case caseSummary
}

/// The file formats a notice renders to.
public enum NoticeFormat: String, Sendable, CaseIterable {
    case pdf, html

    /// The HTTP content type of a rendered notice.
    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .html: "text/html; charset=utf-8"
        }
    }
}

/// Why a notice could not be rendered.
public enum NoticeError: Error, Sendable, Equatable {
    /// The language is not one of `NoticeLanguages.shipped` (nor a name of one).
    case unsupportedLanguage(String)
    /// The fonts the notices are pinned to are missing from this machine.
    case fontsUnavailable(String)
    /// cairo reported a failure while drawing or writing the PDF.
    case renderingFailed(String)
    /// The renderer was shut down before the job ran.
    case rendererStopped
}
