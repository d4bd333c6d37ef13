import Foundation
import GongwenAssess

/// The HTML report of one period: what was decided and why, then every jurisdiction's scores. A
/// standalone page (styles inline, no script) a clerk can open, print or mail; the web page's 考核
/// view shows the same fragment.
public enum AssessmentReportPage {
    public static func html(_ a: PeriodAssessment, order: [String] = []) -> String {
        let title = "\(a.rulesName) \(a.period.chineseName)考核结果"
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(escaped(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>\(escaped(title))</h1>
            \(fragment(a, order: order))
            </body>
            </html>

            """
    }

    /// The report without the page around it.
    /// `order`: the rules' outcomes (AssessmentRules.outcomes), so decisions are listed 一票否决 first.
    public static func fragment(_ a: PeriodAssessment, order: [String] = []) -> String {
        var out = "<p class=\"meta\">数据：\(escaped(a.dataFile))；决定日期：\(escaped(a.decisionDate))；参评 \(a.jurisdictions.count) 个；总分 \(Workbook.number(a.total))。</p>\n"
        let counts = AssessmentTables.outcomeCounts(a, order: order)
        out += "<p class=\"summary\">"
        out += counts.isEmpty ? "本期没有作出任何决定。" : counts.map { "\(escaped($0.outcome)) \($0.count) 个" }.joined(separator: "，") + "。"
        out += "</p>\n<h2>决定及依据</h2>\n"
        out += table(AssessmentTables.decisions(a, order: order), className: "decisions")
        out += "<h2>得分与排名</h2>\n"
        out += table(AssessmentTables.results(a), className: "results")
        return out
    }

    static func table(_ rows: [[Workbook.Cell]], className: String) -> String {
        guard let header = rows.first else { return "" }
        var out = "<table class=\"\(className)\">\n<thead><tr>"
        for cell in header { out += "<th scope=\"col\">\(text(cell))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows.dropFirst() {
            out += "<tr>"
            for cell in row {
                if case .number = cell { out += "<td class=\"n\">\(text(cell))</td>" } else { out += "<td>\(text(cell))</td>" }
            }
            out += "</tr>\n"
        }
        if rows.count == 1 { out += "<tr><td colspan=\"\(header.count)\">（无）</td></tr>\n" }
        out += "</tbody>\n</table>\n"
        return out
    }

    static func text(_ cell: Workbook.Cell) -> String {
        switch cell {
        case .empty: ""
        case .number(let n): n.isFinite ? Workbook.number(n) : ""
        case .text(let t): escaped(t)
        }
    }

    /// Text as HTML character data: data is text, never markup.
    public static func escaped(_ text: String) -> String { Workbook.escaped(text) }

    static let style = """
        body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}\
        h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}\
        table{border-collapse:collapse;font-size:.9em}th,td{border:1px solid #bbb;padding:.3em .5em;vertical-align:top}\
        th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:tabular-nums}\
        table.decisions td:nth-child(7){max-width:40em}.meta{color:#555}\
        table.decisions td:nth-child(-n+5),table.decisions td:nth-child(8),table.results td:nth-child(-n+6){white-space:nowrap}
        """
}
