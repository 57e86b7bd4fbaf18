/// Writes a notice as one self-contained HTML page (inline style, no scripts, no
/// outside resources), every text escaped. Deterministic: same document, same bytes.
enum HTMLNoticeWriter {
    static func write(_ document: NoticeDocument) -> [UInt8] {
        var html = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<title>\(escape(document.title)) — \(escape(document.caseNumber))</title>\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<style>\(style)</style>\n</head>\n<body>\n"
        for section in document.sections {
            // dir="auto" lets a right-to-left language lay itself out without code here.
            html += "<section class=\"notice\" lang=\"\(escape(section.languageCode))\" dir=\"auto\">\n"
            for block in section.blocks { html += blockHTML(block) }
            html += "</section>\n"
        }
        html += "</body>\n</html>\n"
        return Array(html.utf8)
    }

    static func blockHTML(_ block: NoticeBlock) -> String {
        switch block {
        case .title(let text): return "<h1>\(escape(text))</h1>\n"
        case .subtitle(let text): return "<p class=\"subtitle\">\(escape(text))</p>\n"
        case .heading(let text): return "<h2>\(escape(text))</h2>\n"
        case .subheading(let text): return "<h3>\(escape(text))</h3>\n"
        case .paragraph(let text): return "<p>\(escape(text))</p>\n"
        case .note(let text): return "<p class=\"note\">\(escape(text))</p>\n"
        case .callout(let text): return "<p class=\"callout\"><strong>\(escape(text))</strong></p>\n"
        case .bullets(let items):
            return "<ul>\n" + items.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
        case .rows(let rows):
            return "<table>\n" + rows.map { "<tr><th scope=\"row\">\(escape($0.label))</th><td>\(escape($0.value))</td></tr>\n" }.joined()
                + "</table>\n"
        case .choices(let items):
            return "<ul class=\"choices\">\n" + items.map { "<li><span class=\"box\"></span>\(escape($0))</li>\n" }.joined() + "</ul>\n"
        case .keepTogether(let blocks):
            return "<div class=\"keep\">\n" + blocks.map(blockHTML).joined() + "</div>\n"
        case .signatures(let labels, let dateLabel):
            return labels.map { label in
                "<div class=\"signature\"><div class=\"line\">\(escape(label))</div>"
                    + "<div class=\"line date\">\(escape(dateLabel))</div></div>\n"
            }.joined()
        }
    }

    /// Text escaped for element content and attribute values: an employee name such
    /// as `<script>` comes out as text, never as markup.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    private static let style = """
        body{font-family:"Noto Sans","WenQuanYi Micro Hei","DejaVu Sans",sans-serif;max-width:46rem;margin:2rem auto;\
        padding:0 1rem;line-height:1.45;color:#111}\
        section.notice+section.notice{border-top:2px solid #333;margin-top:3rem;padding-top:1rem;break-before:page}\
        h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #999}\
        h3{font-size:1rem;margin:1rem 0 .3rem}.subtitle{font-size:1.1rem;margin-top:0}.note{font-size:.9rem;color:#333}\
        .callout{border:2px solid #111;padding:.6rem .8rem}table{border-collapse:collapse;width:100%}\
        th,td{text-align:start;vertical-align:top;padding:.25rem .5rem .25rem 0;border-bottom:1px solid #ccc}\
        th{width:40%;font-weight:600}ul.choices{list-style:none;padding-left:0}\
        .box{display:inline-block;width:.9rem;height:.9rem;border:1.5px solid #111;margin-inline-end:.6rem;vertical-align:-.1rem}\
        .signature{display:flex;gap:2rem;margin-top:2.5rem}.line{flex:3;border-top:1px solid #111;font-size:.85rem}\
        .line.date{flex:1}.keep{break-inside:avoid}
        """
}
