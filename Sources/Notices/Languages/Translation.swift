import AgentCore

/// One language's notice text: the strings of `Translations/<code>.json`, with
/// `{name}` placeholders filled in at use.
struct Translation: Sendable {
    let code: String
    private let strings: [String: String]
    /// English, consulted only for a key this language lacks. The key tests forbid
    /// such gaps; the fallback keeps a gap from ever printing a bare key to an employee.
    private let fallback: [String: String]

    init(code: String, strings: [String: String], fallback: [String: String]) {
        self.code = code
        self.strings = strings
        self.fallback = fallback
    }

    /// Every key of this language's file.
    var keys: Set<String> { Set(strings.keys) }

    /// The language's name in English ("Spanish"), which `language=` also accepts.
    var englishName: String { text("meta.name") }
    /// The language's name in itself ("Español").
    var nativeName: String { text("meta.native_name") }
    /// The font families text in this language is set in, first choice first (see
    /// `FontSetup` for why they are pinned).
    var fontFamilies: String { text("meta.font") }

    /// The text of `key` with each `{name}` replaced by `values[name]`. A
    /// placeholder without a value stays as written, so a mistake shows instead of
    /// silently dropping words.
    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        let template = strings[key] ?? fallback[key] ?? key
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            out += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// `date` spelled the way this language writes a date with its weekday, from
    /// `date.format` with `{weekday}`, `{month}` (name), `{month_number}`, `{day}`
    /// and `{year}`. Deadlines carry the weekday: it is what people plan by.
    func date(_ date: CivilDate) -> String {
        spell(date, format: "date.format")
    }

    /// `date` without its weekday (`date.format_plain`), for data such as a birth date.
    func plainDate(_ date: CivilDate) -> String {
        spell(date, format: "date.format_plain")
    }

    private func spell(_ date: CivilDate, format: String) -> String {
        let months = text("date.months").split(separator: "|").map(String.init)
        let weekdays = text("date.weekdays").split(separator: "|").map(String.init)
        let weekdayIndex = Weekday.allCases.firstIndex(of: date.weekday) ?? 0
        return text(format, [
            "weekday": weekdays.indices.contains(weekdayIndex) ? weekdays[weekdayIndex] : "",
            "month": months.indices.contains(date.month - 1) ? months[date.month - 1] : String(date.month),
            "month_number": String(date.month),
            "day": String(date.day),
            "year": String(date.year),
        ])
    }

    /// The `{name}` placeholders `key`'s text uses, for the tests that compare
    /// languages.
    func placeholders(of key: String) -> Set<String> {
        guard let template = strings[key] else { return [] }
        var names: Set<String> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
