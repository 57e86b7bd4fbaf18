/// US Letter in PDF points, with the margins and type sizes every notice uses.
enum PageGeometry {
    static let width = 612.0
    static let height = 792.0
    static let marginLeft = 60.0
    static let marginRight = 60.0
    static let marginTop = 56.0
    /// Text stops here; the footer sits below it.
    static let contentBottom = height - 66.0
    static let footerBaseline = height - 36.0
    static var contentWidth: Double { width - marginLeft - marginRight }
}

/// The text styles of a notice: size in points and weight.
enum TextStyle {
    case title, subtitle, heading, subheading, body, note, callout, label, value, small, footer

    var size: Double {
        switch self {
        case .title: 19
        case .subtitle: 12
        case .heading: 12.5
        case .subheading: 10.5
        case .body, .value: 10
        case .note: 8.8
        case .callout: 11
        case .label: 9.2
        case .small, .footer: 8
        }
    }

    var isBold: Bool {
        switch self {
        case .title, .heading, .subheading, .callout, .label: true
        default: false
        }
    }

    /// Gray level of the text (0 black).
    var gray: Double {
        switch self {
        case .note, .small, .footer: 0.25
        default: 0
        }
    }
}
