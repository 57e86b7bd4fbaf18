extension StringProtocol {
    /// The text without leading and trailing blanks: tab, the Unicode space separators
    /// (category Zs) and the zero-width space, the set `CharacterSet.whitespaces` holds. Written out because the
    /// Foundation call bridged every field of every request through NSString; a value
    /// with no blank at either end, nearly all of them, comes back without a copy.
    func trimmingBlanks() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isBlank }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isBlank })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex, let whole = self as? String { return whole }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// Tab, a space separator or U+200B; ASCII answers without a property lookup.
    var isBlank: Bool {
        if value < 0x80 { return value == 0x20 || value == 0x09 }
        return value == 0x200B || properties.generalCategory == .spaceSeparator
    }
}
