import CPangoCairo

/// How each kind of block becomes pieces: sizes, spacing and what is drawn around
/// the text (rules, boxes, tick boxes, signature lines).
extension Typesetter {
    func pieces(for block: NoticeBlock, families: String) -> [Piece] {
        switch block {
        case .title(let text):
            return textPieces(text, .title, families, spaceBefore: 10, keep: true)
        case .subtitle(let text):
            return textPieces(text, .subtitle, families, spaceBefore: 2, keep: true) + [rule(height: 12, at: 6, weight: 1.2)]
        case .heading(let text):
            var pieces = textPieces(text, .heading, families, spaceBefore: 14, keep: true)
            pieces.append(rule(height: 5, at: 2, weight: 0.5))
            pieces[pieces.count - 1].keepWithNext = true
            return pieces
        case .subheading(let text):
            return textPieces(text, .subheading, families, spaceBefore: 8, keep: true)
        case .paragraph(let text):
            return textPieces(text, .body, families, spaceBefore: 6, keep: false)
        case .note(let text):
            return textPieces(text, .note, families, spaceBefore: 5, keep: false)
        case .bullets(let items):
            return items.flatMap { bullet($0, families) }
        case .rows(let rows):
            var pieces = rows.compactMap { row($0, families) }
            if !pieces.isEmpty { pieces[0].spaceBefore = 6 }
            return pieces
        case .callout(let text):
            return callout(text, families).map { [$0] } ?? []
        case .choices(let items):
            return items.compactMap { choice($0, families) }
        case .signatures(let labels, let dateLabel):
            var pieces = labels.compactMap { signature($0, dateLabel: dateLabel, families) }
            for index in pieces.indices.dropLast() { pieces[index].keepWithNext = true }
            return pieces
        case .keepTogether(let blocks):
            var pieces = blocks.flatMap { self.pieces(for: $0, families: families) }
            for index in pieces.indices.dropLast() { pieces[index].keepWithNext = true }
            return pieces
        }
    }

    /// A paragraph as line pieces; a paragraph of several lines keeps its first two together.
    private func textPieces(_ text: String, _ style: TextStyle, _ families: String, spaceBefore: Double, keep: Bool,
                            indent: Double = 0) -> [Piece] {
        guard let layout = layout(text, style: style, families: families, width: PageGeometry.contentWidth - indent) else { return [] }
        var pieces = lines(of: layout, gray: style.gray, indent: indent)
        guard !pieces.isEmpty else { return [] }
        pieces[0].spaceBefore = spaceBefore
        if keep {
            for index in pieces.indices { pieces[index].keepWithNext = true }
        } else if pieces.count > 1 {
            pieces[0].keepWithNext = true
        }
        return pieces
    }

    private func rule(height: Double, at offset: Double, weight: Double) -> Piece {
        Piece(height: height) { cairo, x, top in
            cairo_set_source_rgb(cairo, 0.35, 0.35, 0.35)
            cairo_set_line_width(cairo, weight)
            cairo_move_to(cairo, x, top + offset)
            cairo_line_to(cairo, x + PageGeometry.contentWidth, top + offset)
            cairo_stroke(cairo)
        }
    }

    private func bullet(_ text: String, _ families: String) -> [Piece] {
        var pieces = textPieces(text, .body, families, spaceBefore: 4, keep: false, indent: 16)
        guard let first = pieces.first else { return [] }
        let dotY = first.glyphs.first.map { $0.y + $0.height * 0.45 } ?? first.height * 0.55
        pieces[0] = Piece(height: first.height, spaceBefore: first.spaceBefore, keepWithNext: first.keepWithNext,
                          glyphs: first.glyphs) { cairo, x, top in
            first.draw(cairo, x, top)
            cairo_set_source_rgb(cairo, 0, 0, 0)
            // Drawing text leaves a current point; without a new path the arc would be joined to it by a line.
            cairo_new_path(cairo)
            cairo_arc(cairo, x + 6, top + dotY, 1.8, 0, 2 * Double.pi)
            cairo_fill(cairo)
        }
        return pieces
    }

    private func row(_ row: NoticeRow, _ families: String) -> Piece? {
        let labelWidth = PageGeometry.contentWidth * 0.38
        guard let label = layout(row.label, style: .label, families: families, width: labelWidth - 10),
              let value = layout(row.value, style: .value, families: families,
                                 width: PageGeometry.contentWidth - labelWidth) else { return nil }
        let height = max(self.height(of: label), self.height(of: value)) + 7
        var piece = Piece(height: height) { [self] cairo, x, top in
            show(label, cairo: cairo, x: x, top: top + 3, gray: 0.15)
            show(value, cairo: cairo, x: x + labelWidth, top: top + 3, gray: 0)
            cairo_set_source_rgb(cairo, 0.75, 0.75, 0.75)
            cairo_set_line_width(cairo, 0.5)
            cairo_move_to(cairo, x, top + height - 0.5)
            cairo_line_to(cairo, x + PageGeometry.contentWidth, top + height - 0.5)
            cairo_stroke(cairo)
        }
        piece.glyphs = glyphClusters(of: label).map { ($0.text, $0.x, $0.y + 3, $0.width, $0.height) }
            + glyphClusters(of: value).map { ($0.text, $0.x + labelWidth, $0.y + 3, $0.width, $0.height) }
        return piece
    }

    private func callout(_ text: String, _ families: String) -> Piece? {
        let padding = 9.0
        guard let layout = layout(text, style: .callout, families: families,
                                  width: PageGeometry.contentWidth - 2 * padding) else { return nil }
        let height = self.height(of: layout) + 2 * padding
        var piece = Piece(height: height, spaceBefore: 10) { [self] cairo, x, top in
            cairo_set_source_rgb(cairo, 0, 0, 0)
            cairo_set_line_width(cairo, 1.5)
            cairo_rectangle(cairo, x + 0.75, top + 0.75, PageGeometry.contentWidth - 1.5, height - 1.5)
            cairo_stroke(cairo)
            show(layout, cairo: cairo, x: x + padding, top: top + padding, gray: 0)
        }
        piece.glyphs = glyphClusters(of: layout).map { ($0.text, $0.x + padding, $0.y + padding, $0.width, $0.height) }
        return piece
    }

    private func choice(_ text: String, _ families: String) -> Piece? {
        let indent = 22.0
        guard let layout = layout(text, style: .body, families: families, width: PageGeometry.contentWidth - indent) else { return nil }
        let height = max(self.height(of: layout), 12) + 8
        var piece = Piece(height: height, spaceBefore: 6) { [self] cairo, x, top in
            cairo_set_source_rgb(cairo, 0, 0, 0)
            cairo_set_line_width(cairo, 1)
            cairo_rectangle(cairo, x + 1.5, top + 2, 10, 10)
            cairo_stroke(cairo)
            show(layout, cairo: cairo, x: x + indent, top: top, gray: 0)
        }
        piece.glyphs = glyphClusters(of: layout).map { ($0.text, $0.x + indent, $0.y, $0.width, $0.height) }
        return piece
    }

    /// A signature line and a date line, each labelled underneath.
    private func signature(_ label: String, dateLabel: String, _ families: String) -> Piece? {
        let width = PageGeometry.contentWidth
        let dateX = width * 0.7
        guard let name = layout(label, style: .small, families: families, width: dateX - 16),
              let date = layout(dateLabel, style: .small, families: families, width: width - dateX) else { return nil }
        let lineY = 30.0
        let height = lineY + 4 + max(self.height(of: name), self.height(of: date))
        var piece = Piece(height: height, spaceBefore: 12) { [self] cairo, x, top in
            cairo_set_source_rgb(cairo, 0, 0, 0)
            cairo_set_line_width(cairo, 0.8)
            cairo_move_to(cairo, x, top + lineY)
            cairo_line_to(cairo, x + dateX - 16, top + lineY)
            cairo_move_to(cairo, x + dateX, top + lineY)
            cairo_line_to(cairo, x + width, top + lineY)
            cairo_stroke(cairo)
            show(name, cairo: cairo, x: x, top: top + lineY + 3, gray: 0.25)
            show(date, cairo: cairo, x: x + dateX, top: top + lineY + 3, gray: 0.25)
        }
        piece.glyphs = glyphClusters(of: name).map { ($0.text, $0.x, $0.y + lineY + 3, $0.width, $0.height) }
            + glyphClusters(of: date).map { ($0.text, $0.x + dateX, $0.y + lineY + 3, $0.width, $0.height) }
        return piece
    }
}
