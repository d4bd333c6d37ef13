/// The HTML shell every page shares. Data is text, never markup: everything from a template,
/// a data file or a clerk goes through `escape`. One stylesheet (/style.css) and one script
/// (/static/app.js); no inline script or style, no inline handlers.
enum Page {
    static func shell(title: String, body: String, head: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/style.css">
        <script src="/static/app.js" defer></script>\(head)
        </head>
        <body>
        <header class="top"><a class="brand" href="/" id="home-link">公文生成</a>
        <nav><a href="/" id="nav-home">选择模板</a><a href="/jobs" id="nav-jobs">最近的任务</a><a href="/assess" id="nav-assess">考核</a><a href="/login" id="nav-account">账户</a></nav></header>
        <main>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
