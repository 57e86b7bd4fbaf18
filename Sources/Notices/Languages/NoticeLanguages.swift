import Foundation

/// The languages notices ship in, and the `language=` parameter's meaning.
public enum NoticeLanguages {
    /// ISO 639-1 codes of every shipped language, English first.
    public static var shipped: [String] { TranslationCatalog.embedded.codes }

    /// The shipped language `param` names: an ISO 639-1 code ("es") or the
    /// language's name in English or in itself ("spanish", "Español"), any case.
    /// nil for nil, empty or unknown input.
    public static func resolve(_ param: String?) -> String? {
        guard let wanted = param?.trimmingSpaces.lowercased(), !wanted.isEmpty else { return nil }
        let catalog = TranslationCatalog.embedded
        if catalog.translations[wanted] != nil { return wanted }
        return catalog.codes.first { code in
            guard let translation = catalog.translations[code] else { return false }
            return translation.englishName.lowercased() == wanted || translation.nativeName.lowercased() == wanted
        }
    }

    /// The English name of a shipped language ("Spanish"); nil for an unknown code.
    public static func englishName(of code: String) -> String? {
        TranslationCatalog.embedded.translations[code]?.englishName
    }
}

/// Every translation compiled into the binary, decoded once on first use.
struct TranslationCatalog: Sendable {
    let translations: [String: Translation]
    /// English first, then the others by code.
    let codes: [String]
    /// Files that did not decode as a JSON object of strings. A test keeps this
    /// empty; at run time such a language is simply not offered.
    let problems: [String]

    static let embedded = TranslationCatalog(files: EmbeddedTranslations.files)

    init(files: [(code: String, json: String)]) {
        var decoded: [String: [String: String]] = [:]
        var problems: [String] = []
        for file in files {
            do {
                decoded[file.code] = try JSONDecoder().decode([String: String].self, from: Data(file.json.utf8))
            } catch {
                problems.append("\(file.code): \(error)")
            }
        }
        let english = decoded["en"] ?? [:]
        var translations: [String: Translation] = [:]
        for (code, strings) in decoded {
            translations[code] = Translation(code: code, strings: strings, fallback: english)
        }
        self.translations = translations
        self.problems = problems
        codes = translations.keys.sorted { lhs, rhs in lhs == "en" || (rhs != "en" && lhs < rhs) }
    }

    /// English, which every notice starts with.
    var english: Translation {
        translations["en"] ?? Translation(code: "en", strings: [:], fallback: [:])
    }
}
