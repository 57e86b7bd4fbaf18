import Foundation
import Testing
@testable import Notices

/// Writes the pictures of docs/notices/ (first page of each notice kind, as
/// `pdftoppm -png -r 60 -f 1 -l 1` draws it) when NOTICES_DOCS_DIR names a
/// directory: `NOTICES_DOCS_DIR=docs/notices swift test --filter NoticeImagesTests`.
/// Without the variable it only checks that a page converts to a PNG.
@Suite struct NoticeImagesTests {
    static let pictures: [(file: String, content: NoticeContent, language: String?, page: Int)] = [
        ("further-action-notice-dual.png", Fixture.fan(.dual), nil, 1),
        ("referral-date-confirmation-ssa.png", Fixture.rdc(.ssa), nil, 1),
        ("case-summary.png", Fixture.summary(), nil, 1),
    ]

    @Test func firstPagesConvertToPNG() async throws {
        let renderer = try SharedRenderer.get()
        let scratch = try ScratchDirectory()
        let target = ProcessInfo.processInfo.environment["NOTICES_DOCS_DIR"].map { URL(fileURLWithPath: $0) }
        var pictures = Self.pictures
        // Two translated first pages are pictured too when writing the docs: a Latin and a CJK one.
        if target != nil {
            for code in ["es", "zh"] {
                let english = try renderer.document(Fixture.fan(.dual), language: nil)
                let pages = try await renderer.renderPDF(english).pageCount
                pictures.append(("further-action-notice-dual-\(code).png", Fixture.fan(.dual), code, pages + 1))
            }
        }
        for picture in pictures {
            let pdf = try await renderer.render(picture.content, language: picture.language, format: .pdf)
            let file = try scratch.write(pdf, as: "notice.pdf")
            let stem = scratch.url.appendingPathComponent("page").path
            try runTool("pdftoppm", ["-png", "-r", "60", "-f", "\(picture.page)", "-l", "\(picture.page)", "-singlefile", file.path, stem])
            let png = try Data(contentsOf: URL(fileURLWithPath: stem + ".png"))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(picture.file) is not a PNG")
            if let target {
                try png.write(to: target.appendingPathComponent(picture.file))
            }
        }
    }

    /// With NOTICES_PDF_DIR set, writes every notice in every shipped language there as
    /// PDF and HTML, for reading them by eye.
    @Test func everyNoticeForReading() async throws {
        guard let directory = ProcessInfo.processInfo.environment["NOTICES_PDF_DIR"] else { return }
        let renderer = try SharedRenderer.get()
        for language in NoticeLanguages.shipped {
            for notice in Fixture.everyNotice {
                for format in NoticeFormat.allCases {
                    let bytes = try await renderer.render(notice.content, language: language, format: format)
                    try Data(bytes).write(to: URL(fileURLWithPath: directory).appendingPathComponent("\(notice.name)-\(language).\(format.rawValue)"))
                }
            }
        }
    }
}
