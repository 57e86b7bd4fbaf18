import Foundation
import Testing
@testable import Notices

/// Languages are data: one file per language, every file with the same keys.
@Suite struct LanguageTests {
    static let catalog = TranslationCatalog.embedded

    @Test func englishAndSpanishShip() {
        #expect(NoticeLanguages.shipped.first == "en")
        #expect(NoticeLanguages.shipped.contains("es"))
        #expect(Self.catalog.problems.isEmpty, "\(Self.catalog.problems)")
    }

    @Test(arguments: NoticeLanguages.shipped)
    func everyKeyOfEnglishIsTranslated(code: String) throws {
        let translation = try #require(Self.catalog.translations[code])
        let english = Self.catalog.english
        let missing = english.keys.subtracting(translation.keys).sorted()
        let extra = translation.keys.subtracting(english.keys).sorted()
        #expect(missing.isEmpty, "\(code) lacks \(missing)")
        #expect(extra.isEmpty, "\(code) has keys English lacks: \(extra)")
    }

    @Test(arguments: NoticeLanguages.shipped)
    func placeholdersMatchEnglish(code: String) throws {
        let translation = try #require(Self.catalog.translations[code])
        for key in Self.catalog.english.keys.sorted() where !key.hasPrefix("date.format") {
            #expect(translation.placeholders(of: key) == Self.catalog.english.placeholders(of: key), "\(code): \(key)")
        }
    }

    /// Date patterns differ by language (month name or number, order), but each names
    /// the day, the month and the year, and the full form the weekday.
    @Test(arguments: NoticeLanguages.shipped)
    func datePatternsNameEveryPart(code: String) throws {
        let translation = try #require(Self.catalog.translations[code])
        let allowed: Set<String> = ["weekday", "month", "month_number", "day", "year"]
        for key in ["date.format", "date.format_plain"] {
            let used = translation.placeholders(of: key)
            #expect(used.isSubset(of: allowed), "\(code): \(key) uses \(used.subtracting(allowed))")
            #expect(used.isSuperset(of: ["day", "year"]) && !used.isDisjoint(with: ["month", "month_number"]), "\(code): \(key)")
        }
        #expect(translation.placeholders(of: "date.format").contains("weekday"), "\(code): deadlines carry the weekday")
        #expect(!translation.placeholders(of: "date.format_plain").contains("weekday"), "\(code)")
    }

    @Test(arguments: NoticeLanguages.shipped)
    func metadataAndCalendarNamesAreComplete(code: String) throws {
        let translation = try #require(Self.catalog.translations[code])
        #expect(translation.text("meta.code") == code)
        #expect(translation.text("date.months").split(separator: "|").count == 12)
        #expect(translation.text("date.weekdays").split(separator: "|").count == 7)
        #expect(!translation.fontFamilies.isEmpty)
        // Every value is real text: no empty string and no key left untranslated by accident.
        for key in translation.keys where translation.text(key).trimmingSpaces.isEmpty {
            Issue.record("\(code): \(key) is empty")
        }
    }

    @Test func languageParameterAcceptsCodesAndNames() {
        #expect(NoticeLanguages.resolve("es") == "es")
        #expect(NoticeLanguages.resolve("ES") == "es")
        #expect(NoticeLanguages.resolve(" spanish ") == "es")
        #expect(NoticeLanguages.resolve("Spanish") == "es")
        #expect(NoticeLanguages.resolve("español") == "es")
        #expect(NoticeLanguages.resolve("english") == "en")
        #expect(NoticeLanguages.resolve("en") == "en")
        #expect(NoticeLanguages.resolve(nil) == nil)
        #expect(NoticeLanguages.resolve("") == nil)
        #expect(NoticeLanguages.resolve("xx") == nil)
        #expect(NoticeLanguages.resolve("klingon") == nil)
        #expect(NoticeLanguages.resolve("es-MX") == nil, "only whole codes and names are accepted")
    }

    @Test(arguments: NoticeLanguages.shipped)
    func everyShippedLanguageResolvesByCodeAndEnglishName(code: String) throws {
        #expect(NoticeLanguages.resolve(code) == code)
        let name = try #require(NoticeLanguages.englishName(of: code))
        #expect(NoticeLanguages.resolve(name.lowercased()) == code)
    }

    @Test func datesAreSpelledPerLanguage() throws {
        let english = Self.catalog.english
        let spanish = try #require(Self.catalog.translations["es"])
        #expect(english.date(Fixture.contactBy) == "Tuesday, December 8, 2026")
        #expect(spanish.date(Fixture.contactBy) == "martes, 8 de diciembre de 2026")
    }
}
