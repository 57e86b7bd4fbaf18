import CPangoCairo

/// Draws notice documents with cairo and pango. Not thread-safe and not `Sendable`:
/// it is created, used and released on the render thread only (`RenderThread`), which
/// is also why the pango font map can be kept here instead of per call.
final class PDFEngine {
    private let fontMap: UnsafeMutablePointer<PangoFontMap>

    init(fontDirectories: [String]) throws(NoticeError) {
        fontMap = try FontSetup.makeFontMap(directories: fontDirectories)
    }

    deinit { cpango_unref(UnsafeMutableRawPointer(fontMap)) }

    /// A rendered PDF, with what tests need to check it.
    struct Output: Sendable {
        let bytes: [UInt8]
        let pageCount: Int
        /// Filled only when asked for: where every glyph's ink belongs.
        let glyphs: [GlyphInk]
    }

    /// The document as a PDF. Pages break between pieces; each section starts a page.
    func render(_ document: NoticeDocument, collectGlyphs: Bool = false) throws(NoticeError) -> Output {
        let sink = ByteSink()
        guard let surface = PDFByteStream.surface(writingTo: sink, width: PageGeometry.width, height: PageGeometry.height) else {
            throw .renderingFailed("cairo could not create a PDF surface")
        }
        defer { cairo_surface_destroy(surface) }
        // Fixed dates keep the bytes identical from run to run (same cairo, pango, fonts).
        let date = document.issuedOn + "T00:00:00Z"
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "\(document.title) — \(document.caseNumber)")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "employer-agent")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date)
        guard let cairo = cairo_create(surface) else { throw .renderingFailed("cairo_create failed") }
        defer { cairo_destroy(cairo) }
        let pages = try layOut(document, cairo: cairo)
        var glyphs: [GlyphInk] = []
        for (number, page) in pages.pages.enumerated() {
            for placed in page {
                placed.piece.draw(cairo, PageGeometry.marginLeft, placed.top)
                if collectGlyphs {
                    glyphs += placed.piece.glyphs.map {
                        GlyphInk(text: $0.text, box: PageBox(page: number, x: PageGeometry.marginLeft + $0.x,
                                                             y: placed.top + $0.y, width: $0.width, height: $0.height))
                    }
                }
            }
            cairo_show_page(cairo)
        }
        withExtendedLifetime(pages.typesetter) {}
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .renderingFailed(cairo_status_to_string(status).map { String(cString: $0) } ?? "cairo status \(status.rawValue)")
        }
        return Output(bytes: sink.bytes, pageCount: pages.pages.count, glyphs: glyphs)
    }

    /// The pages of the document as 8-bit coverage images at `dpi`, drawn by cairo
    /// straight from the fonts (no PDF in between): the reference a test compares the
    /// PDF's rasterization against to find glyphs the PDF lost.
    func coverageImages(_ document: NoticeDocument, dpi: Double) throws(NoticeError) -> [CoverageImage] {
        let width = Int((PageGeometry.width * dpi / 72).rounded(.up))
        let height = Int((PageGeometry.height * dpi / 72).rounded(.up))
        // Measuring needs a cairo context; an image one yields the same unhinted metrics.
        guard let probe = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1) else { throw .renderingFailed("no image surface") }
        defer { cairo_surface_destroy(probe) }
        guard let probeCairo = cairo_create(probe) else { throw .renderingFailed("cairo_create failed") }
        defer { cairo_destroy(probeCairo) }
        let pages = try layOut(document, cairo: probeCairo)
        var images: [CoverageImage] = []
        for page in pages.pages {
            guard let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(width), Int32(height)) else {
                throw .renderingFailed("no image surface")
            }
            defer { cairo_surface_destroy(surface) }
            guard let cairo = cairo_create(surface) else { throw .renderingFailed("cairo_create failed") }
            cairo_scale(cairo, dpi / 72, dpi / 72)
            for placed in page { placed.piece.draw(cairo, PageGeometry.marginLeft, placed.top) }
            cairo_destroy(cairo)
            cairo_surface_flush(surface)
            let stride = Int(cairo_image_surface_get_stride(surface))
            guard let data = cairo_image_surface_get_data(surface) else { throw .renderingFailed("no image data") }
            var pixels = [UInt8](repeating: 0, count: width * height)
            for row in 0..<height {
                for column in 0..<width { pixels[row * width + column] = data[row * stride + column] }
            }
            images.append(CoverageImage(width: width, height: height, coverage: pixels))
        }
        withExtendedLifetime(pages.typesetter) {}
        return images
    }

    struct Placed {
        let piece: Piece
        let top: Double
    }

    /// Typesets every section and breaks it into pages. The typesetter is returned
    /// because the pieces borrow its layouts: it must outlive the drawing.
    private func layOut(_ document: NoticeDocument, cairo: OpaquePointer) throws(NoticeError) -> (pages: [[Placed]], typesetter: Typesetter) {
        let typesetter = try Typesetter(fontMap: fontMap, cairo: cairo)
        var sections: [(pieces: [Piece], footer: String, families: String)] = []
        for section in document.sections {
            let families = Self.families(section.fontFamilies)
            sections.append((section.blocks.flatMap { typesetter.pieces(for: $0, families: families) }, section.footer, families))
        }
        var pages: [[Placed]] = []
        var footers: [(text: String, families: String)] = []
        for section in sections {
            for page in Self.paginate(section.pieces) {
                pages.append(page)
                footers.append((section.footer, section.families))
            }
        }
        for index in pages.indices {
            let text = footers[index].text.replacingPlaceholder("page", with: String(index + 1))
                .replacingPlaceholder("pages", with: String(pages.count))
            if let footer = typesetter.footer(text, families: footers[index].families) {
                pages[index].append(Placed(piece: footer, top: PageGeometry.contentBottom + 16))
            }
        }
        return (pages, typesetter)
    }

    /// Places pieces top to bottom, starting a page when the next piece — with the
    /// pieces it must stay with — does not fit. Space before a piece is dropped at the
    /// top of a page.
    static func paginate(_ pieces: [Piece]) -> [[Placed]] {
        let top = PageGeometry.marginTop
        let bottom = PageGeometry.contentBottom
        var pages: [[Placed]] = [[]]
        var y = top
        for index in pieces.indices {
            let piece = pieces[index]
            var needed = (y == top ? 0 : piece.spaceBefore) + piece.height
            var next = index
            while pieces[next].keepWithNext, next + 1 < pieces.count {
                next += 1
                needed += pieces[next].spaceBefore + pieces[next].height
            }
            // A chain taller than a page cannot be kept together; then only the piece itself must fit.
            if needed > bottom - top { needed = piece.spaceBefore + piece.height }
            if y + needed > bottom, y > top {
                pages.append([])
                y = top
            }
            let space = y == top ? 0 : piece.spaceBefore
            pages[pages.count - 1].append(Placed(piece: piece, top: y + space))
            y += space + piece.height
        }
        return pages.filter { !$0.isEmpty }
    }

    /// The section's own families, then the shared fallbacks, without repeats.
    static func families(_ own: String) -> String {
        var seen: [String] = []
        for family in own.split(separator: ",").map({ String($0).trimmingSpaces }) + FontSetup.fallbackFamilies
        where !family.isEmpty && !seen.contains(family) {
            seen.append(family)
        }
        return seen.joined(separator: ", ")
    }
}

/// One page as cairo's 8-bit coverage (0 = nothing drawn, 255 = fully inked).
struct CoverageImage: Sendable {
    let width: Int
    let height: Int
    let coverage: [UInt8]
}

extension String {
    /// `{name}` replaced by `value`.
    func replacingPlaceholder(_ name: String, with value: String) -> String {
        let token = "{" + name + "}"
        guard contains(token) else { return self }
        return split(separator: token, omittingEmptySubsequences: false).joined(separator: value)
    }
}
