import CPangoCairo

/// The fonts notices are drawn with, pinned so that output does not change when
/// the machine gains a font package, and chosen so that cairo can embed them.
///
/// The font map sees a private fontconfig configuration listing only
/// `NoticeRenderer.defaultFontDirectories`, never the system's. Those directories
/// hold TrueType fonts only, on purpose: cairo 1.16 (Debian 12) subsets CFF/OpenType
/// fonts badly. With Noto Sans CJK it drew 如 blank in the PDF (text extraction
/// still found it), and some pairs of Hangul syllables (됋 with 됕) abort the
/// process in `_cairo_array_index` — a crash no server may risk. WenQuanYi Micro
/// Hei (TrueType) drew all 21,849 CJK, Hangul and kana characters tried, in both
/// weights, without either defect.
enum FontSetup {
    /// Families every section falls back to, after its language's own: Latin,
    /// Cyrillic, Greek and Vietnamese; then Chinese, Japanese and Korean; then
    /// DejaVu for symbols. A name in another script still finds a face among the
    /// other Noto fonts of the private configuration.
    static let fallbackFamilies = ["Noto Sans", "WenQuanYi Micro Hei", "DejaVu Sans"]

    /// A pango-cairo font map over a fontconfig configuration that lists only
    /// `directories`. Throws when a family of `fallbackFamilies` is missing, so a
    /// machine without the font packages fails at start-up, not on a notice.
    static func makeFontMap(directories: [String]) throws(NoticeError) -> UnsafeMutablePointer<PangoFontMap> {
        guard let config = FcConfigCreate() else { throw .fontsUnavailable("fontconfig could not create a configuration") }
        defer { FcConfigDestroy(config) }
        var xml = "<?xml version=\"1.0\"?>\n<fontconfig>\n"
        for directory in directories { xml += "<dir>\(escapeXML(directory))</dir>\n" }
        // The system cache directory lets fontconfig reuse what `fc-cache` built
        // instead of rescanning every font file when the renderer starts.
        xml += "<cachedir>/var/cache/fontconfig</cachedir>\n"
        xml += syntheticBold
        xml += "</fontconfig>\n"
        let parsed = xml.withCString { text in
            text.withMemoryRebound(to: FcChar8.self, capacity: xml.utf8.count + 1) { FcConfigParseAndLoadFromMemory(config, $0, FcTrue) }
        }
        guard parsed == FcTrue, FcConfigBuildFonts(config) == FcTrue else {
            throw .fontsUnavailable("fontconfig rejected the private configuration")
        }
        let missing = fallbackFamilies.filter { !hasFamily($0, config) }
        guard missing.isEmpty else {
            throw .fontsUnavailable("missing font families \(missing.joined(separator: ", ")) in \(directories.joined(separator: ", "))")
        }
        guard let map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT) else {
            throw .fontsUnavailable("pango has no FreeType font map")
        }
        guard let fcMap = cpango_fc_font_map(map) else {
            cpango_unref(map)
            throw .fontsUnavailable("pango's FreeType font map is not fontconfig based")
        }
        // The font map keeps its own reference to the configuration.
        pango_fc_font_map_set_config(fcMap, config)
        return map
    }

    /// WenQuanYi Micro Hei has no bold face. The system configuration's rule that
    /// asks cairo to embolden a regular face when bold is wanted is not part of a
    /// private configuration, so it is restated here; without it CJK headings would
    /// print in the regular weight.
    private static let syntheticBold = """
        <match target="font">
          <test name="weight" compare="less_eq"><const>medium</const></test>
          <test target="pattern" name="weight" compare="more_eq"><const>bold</const></test>
          <edit name="embolden" mode="assign"><bool>true</bool></edit>
          <edit name="weight" mode="assign"><const>bold</const></edit>
        </match>

        """

    /// Whether `config` holds a face of exactly `family` (fontconfig's matcher would
    /// silently substitute another).
    private static func hasFamily(_ family: String, _ config: OpaquePointer) -> Bool {
        guard let pattern = FcPatternCreate() else { return false }
        defer { FcPatternDestroy(pattern) }
        guard let objects = FcObjectSetCreate() else { return false }
        defer { FcObjectSetDestroy(objects) }
        _ = family.withCString { name in
            name.withMemoryRebound(to: FcChar8.self, capacity: family.utf8.count + 1) { FcPatternAddString(pattern, "family", $0) }
        }
        _ = FcObjectSetAdd(objects, "family")
        guard let set = FcFontList(config, pattern, objects) else { return false }
        defer { FcFontSetDestroy(set) }
        return set.pointee.nfont > 0
    }

    private static func escapeXML(_ text: String) -> String {
        text.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;")
    }
}

extension String {
    /// Every occurrence of `target` replaced (kept here so this file needs no Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
