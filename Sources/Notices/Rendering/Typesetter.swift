import CPangoCairo

/// A rectangle on a page, in points from the top-left corner.
struct PageBox: Sendable, Equatable {
    let page: Int
    let x, y, width, height: Double
}

/// Where one glyph cluster's ink should appear, so tests can check that it did
/// (cairo 1.16 can drop a glyph from the PDF: see `FontSetup`).
struct GlyphInk: Sendable, Equatable {
    let text: String
    let box: PageBox
}

/// An unbreakable piece of a page: one line of a paragraph, one table row, a box.
/// Pagination moves whole pieces; `draw` paints one at a given top-left corner.
struct Piece {
    var height: Double
    var spaceBefore: Double = 0
    /// Never end a page after this piece (headings; a paragraph's first line).
    var keepWithNext = false
    /// The glyph ink boxes of the piece, relative to its top-left corner.
    var glyphs: [(text: String, x: Double, y: Double, width: Double, height: Double)] = []
    let draw: (_ cairo: OpaquePointer, _ x: Double, _ top: Double) -> Void
}

/// Makes pango layouts for one document and owns them until it is released, so the
/// pieces' draw closures can keep borrowed `PangoLayoutLine` pointers. Lives on the
/// render thread only.
final class Typesetter {
    private let context: OpaquePointer
    private var layouts: [OpaquePointer] = []
    private let scale = Double(cpango_scale())

    init(fontMap: UnsafeMutablePointer<PangoFontMap>, cairo: OpaquePointer) throws(NoticeError) {
        guard let context = pango_font_map_create_context(fontMap) else { throw .renderingFailed("pango could not create a context") }
        self.context = context
        // Points are the PDF's user units; pango's default is 96 dpi.
        pango_cairo_context_set_resolution(context, 72)
        // Unhinted outlines and metrics: a PDF is scaled on screen and print, so
        // hinting for one device size only distorts it.
        if let options = cairo_font_options_create() {
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            pango_cairo_context_set_font_options(context, options)
            cairo_font_options_destroy(options)
        }
        pango_context_set_round_glyph_positions(context, 0)
        pango_cairo_update_context(cairo, context)
    }

    deinit {
        for layout in layouts { cpango_unref(UnsafeMutableRawPointer(layout)) }
        cpango_unref(UnsafeMutableRawPointer(context))
    }

    /// A laid-out paragraph `width` points wide in `families` and `style`.
    func layout(_ text: String, style: TextStyle, families: String, width: Double) -> OpaquePointer? {
        guard let layout = pango_layout_new(context) else { return nil }
        layouts.append(layout)
        guard let font = pango_font_description_new() else { return nil }
        pango_font_description_set_family(font, families)
        pango_font_description_set_weight(font, style.isBold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_size(font, Int32(style.size * scale))
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)
        pango_layout_set_width(layout, Int32(width * scale))
        // A long unbroken word (an email address) breaks between characters rather than overflowing.
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_line_spacing(layout, 1.18)
        pango_layout_set_text(layout, text, -1)
        return layout
    }

    /// Height of a whole layout in points.
    func height(of layout: OpaquePointer) -> Double {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.height) / scale
    }

    /// Draws a whole layout with its top-left corner at (`x`, `top`).
    func show(_ layout: OpaquePointer, cairo: OpaquePointer, x: Double, top: Double, gray: Double) {
        cairo_set_source_rgb(cairo, gray, gray, gray)
        cairo_move_to(cairo, x, top)
        pango_cairo_show_layout(cairo, layout)
    }

    /// The layout's lines as pieces, one per line, so a paragraph can break across
    /// pages between lines. Each piece is as tall as the distance to the next line.
    func lines(of layout: OpaquePointer, gray: Double, indent: Double = 0) -> [Piece] {
        guard let iter = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iter) }
        var found: [(line: UnsafeMutablePointer<PangoLayoutLine>, logical: PangoRectangle, baseline: Int32)] = []
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            if let line = pango_layout_iter_get_line_readonly(iter) {
                found.append((line, logical, pango_layout_iter_get_baseline(iter)))
            }
        } while pango_layout_iter_next_line(iter) != 0
        let clusters = glyphClusters(of: layout)
        let lineIndex = { (line: UnsafeMutablePointer<PangoLayoutLine>?) in found.firstIndex { $0.line == line } }
        return found.indices.map { index in
            let entry = found[index]
            let top = Double(entry.logical.y) / scale
            let next = index + 1 < found.count ? Double(found[index + 1].logical.y) / scale : top + Double(entry.logical.height) / scale
            let baseline = Double(entry.baseline) / scale - top
            let lineX = Double(entry.logical.x) / scale + indent
            let line = entry.line
            var piece = Piece(height: next - top) { cairo, x, pieceTop in
                cairo_set_source_rgb(cairo, gray, gray, gray)
                cairo_move_to(cairo, x + lineX, pieceTop + baseline)
                pango_cairo_show_layout_line(cairo, line)
            }
            piece.glyphs = clusters.filter { lineIndex($0.line) == index }.map {
                ($0.text, $0.x + indent, $0.y - top, $0.width, $0.height)
            }
            return piece
        }
    }

    typealias Cluster = (line: UnsafeMutablePointer<PangoLayoutLine>?, text: String, x: Double, y: Double, width: Double, height: Double)

    /// Every visible glyph cluster of a layout: its line, text and ink box in points.
    func glyphClusters(of layout: OpaquePointer) -> [Cluster] {
        guard let iter = pango_layout_get_iter(layout), let textPointer = pango_layout_get_text(layout) else { return [] }
        defer { pango_layout_iter_free(iter) }
        // pango's cluster indexes are byte offsets into this UTF-8 text.
        let bytes = Array(String(cString: textPointer).utf8)
        var result: [Cluster] = []
        repeat {
            let line = pango_layout_iter_get_line_readonly(iter)
            var ink = PangoRectangle()
            pango_layout_iter_get_cluster_extents(iter, &ink, nil)
            if ink.width > 0, ink.height > 0 {
                let start = Int(pango_layout_iter_get_index(iter))
                var end = start + 1
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                let text = start < bytes.count ? String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self) : ""
                // A space has no ink to check, though a synthetically emboldened one reports a speck.
                guard !text.allSatisfy(\.isWhitespace) else { continue }
                result.append((line, text, Double(ink.x) / scale, Double(ink.y) / scale,
                               Double(ink.width) / scale, Double(ink.height) / scale))
            }
        } while pango_layout_iter_next_cluster(iter) != 0
        return result
    }

    /// The page footer as one piece (it is placed by the page, not the flow).
    func footer(_ text: String, families: String) -> Piece? {
        guard let layout = layout(text, style: .footer, families: families, width: PageGeometry.contentWidth) else { return nil }
        var piece = Piece(height: height(of: layout)) { [self] cairo, x, top in
            cairo_set_source_rgb(cairo, 0.6, 0.6, 0.6)
            cairo_set_line_width(cairo, 0.5)
            cairo_move_to(cairo, x, top - 4)
            cairo_line_to(cairo, x + PageGeometry.contentWidth, top - 4)
            cairo_stroke(cairo)
            show(layout, cairo: cairo, x: x, top: top, gray: TextStyle.footer.gray)
        }
        piece.glyphs = glyphClusters(of: layout).map { ($0.text, $0.x, $0.y, $0.width, $0.height) }
        return piece
    }
}
