/// A few lines of script that do for the printed HTML what CSS cannot, using the fact that the
/// text is 版心-wide in screen and print alike, so an element's distance from the start of its
/// page run (the document, a 附件, which starts a page) is the same in both, and everything on
/// the 22-line grid breaks exactly every 225 mm:
///
/// - no page ends with a heading: a heading whose text starts on the next page goes there too;
/// - the 署名 and 成文日期 are never alone at the top of a page (GB/T 9704 7.3.5): the paragraph
///   before them does not split across pages and, when the 署名 would open a page, starts that
///   page instead (LibreOffice does the same through keep-together and keep-with-next);
/// - the 版记 sits on the bottom edge of the 版心 of the last page (7.4).
///
/// - with `duplex`, a record that ends on an odd page is followed by a blank page, so the next
///   record starts on a right-hand page and no sheet carries two records (Chromium does not
///   honour `break-before: right`);
/// - with `restartNumbers`, each record of a combined file numbers its pages from 1 (Chromium
///   cannot reset its page counter; named pages with counter styles do it).
///
/// One pixel is kept in hand for Chromium's rounding of line boxes.
enum HTMLPagination {
    /// Pages of each record, blank pages for duplex printing, and each record's own page numbers.
    private static func records(_ p: LayoutProfile, duplex: Bool, restartNumbers: Bool) -> String {
        let right = HTMLStyleSheet.pageNumberBox(p, right: true, counter: "COUNTER")
        let left = HTMLStyleSheet.pageNumberBox(p, right: false, counter: "COUNTER")
        func js(_ s: String) -> String { "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'" }
        return """
                // The page number's margin box, as the style sheet writes it.
                function box(right, counter) { return (right ? \(js(right)) : \(js(left))).replace("COUNTER", counter); }
                // Pages of each record: every page run (the record, a 附件, a forced break) fills
                // whole grid pages.
                function pagesOf(art) {
                  var starts = [art.getBoundingClientRect().top + parseFloat(getComputedStyle(art).paddingTop)];
                  var breaks = art.querySelectorAll(".attachment, .page-start, footer.colophon");
                  for (var b = 0; b < breaks.length; b++) {
                    var el = breaks[b];
                    if (el.tagName === "FOOTER" && el.style.breakBefore !== "page") { continue; }
                    starts.push(el.getBoundingClientRect().top);
                  }
                  var bottom = art.lastElementChild ? art.lastElementChild.getBoundingClientRect().bottom : starts[0];
                  var pages = 0;
                  for (var s = 0; s < starts.length; s++) {
                    var end = s + 1 < starts.length ? starts[s + 1] : bottom;
                    pages += Math.max(1, Math.ceil((end - starts[s] - 1) / grid));
                  }
                  return pages;
                }
                var articles = document.querySelectorAll("article"), physical = 1, rules = "";
                for (var a = 0; a < articles.length; a++) {
                  var art = articles[a], pages = pagesOf(art);
                  if (\(restartNumbers)) {
                    // Chromium cannot reset the page counter: each record gets a named page whose
                    // counter style maps its physical page numbers to 1, 2, …; the number stands
                    // on the side its own parity gives (as in LibreOffice, which decides left and
                    // right from the page number).
                    var name = "gw-record-" + (a + 1), symbols = [];
                    for (var n = 1; n <= pages + 2; n++) { symbols.push('"' + n + '"'); }
                    var counter = "counter(page, " + name + ")", none = "{ content: none; }";
                    var odd = physical % 2 === 1, right = odd ? ":right" : ":left", left = odd ? ":left" : ":right";
                    rules += "@counter-style " + name + " { system: fixed " + physical + "; symbols: " + symbols.join(" ") + "; }\\n"
                      + "@page " + name + right + " { @bottom-right " + box(true, counter) + " @bottom-left " + none + " }\\n"
                      + "@page " + name + left + " { @bottom-left " + box(false, counter) + " @bottom-right " + none + " }\\n";
                    art.style.page = name;
                  }
                  physical += pages;
                  if (\(duplex) && a < articles.length - 1 && pages % 2 === 1) {
                    // A record that ends on an odd page is followed by a blank page, so the next
                    // starts on a right-hand page and no sheet carries two records.
                    var blank = document.createElement("div");
                    blank.className = "blank-page";
                    art.parentNode.insertBefore(blank, art.nextSibling);
                    physical += 1;
                  }
                }
                if (rules) {
                  var style = document.createElement("style");
                  style.textContent = rules;
                  document.head.appendChild(style);
                }
        """
    }

    static func script(_ p: LayoutProfile, duplex: Bool = false, restartNumbers: Bool = false) -> String {
        """
        (function () {
          var px = 96 / 25.4, page = \(p.textHeightMM) * px, line = \(p.linePitchPt) * 96 / 72;
          // A page of grid lines is a little shorter than the 版心 (22 × 28.95 pt < 225 mm): text
          // pages break every `grid` pixels of flow.
          var grid = Math.floor(page / line) * line;
          function origin(el) {
            var article = el.closest("article"), start = article, top = el.getBoundingClientRect().top;
            var runs = article.querySelectorAll(".attachment, .page-start");
            for (var i = 0; i < runs.length; i++) {
              if (runs[i].getBoundingClientRect().top <= top + 0.5) { start = runs[i]; }
            }
            return start.getBoundingClientRect().top + (start === article ? parseFloat(getComputedStyle(article).paddingTop) : 0);
          }
          // Header rows repeat at the top of every page a table continues on (both engines do):
          // in print everything after such a table sits lower by those repeats.
          function repeats(el) {
            var extra = 0, o = origin(el), tables = el.closest("article").querySelectorAll("table.data");
            for (var i = 0; i < tables.length; i++) {
              var t = tables[i], head = t.tHead, r = t.getBoundingClientRect();
              if (!head || r.top >= el.getBoundingClientRect().top || r.top < o) { continue; }
              var first = Math.floor((r.top - o + extra) / grid), last = Math.floor((r.bottom - o + extra - 0.5) / grid);
              extra += (last - first) * head.getBoundingClientRect().height;
            }
            return extra;
          }
          function offset(el) { return el.getBoundingClientRect().top - origin(el) + repeats(el); }
          // The paragraph of text before the 署名: past the 附件说明, which goes with the 署名.
          function previousParagraph(c) {
            var before = c.previousElementSibling;
            if (before && before.classList.contains("attachment-notes")) { before = before.previousElementSibling; }
            while (before && before.lastElementChild && before.tagName !== "P") { before = before.lastElementChild; }
            return before && before.tagName === "P" ? before : null;
          }
          function movePreviousParagraph(c) {
            var before = previousParagraph(c);
            // Headings right above it go too (LibreOffice keeps each with the next).
            while (before && isHeading(before.previousElementSibling)) { before = before.previousElementSibling; }
            if (!before || before.classList.contains("page-start")) { return false; }
            before.classList.add("page-start");
            before.style.breakBefore = "page";
            return true;
          }
          // One pass over the text in order, as LibreOffice lays it out, so that each move is seen
          // by everything after it:
          // - no page ends with a heading (keep-with-next): a heading whose next block starts on
          //   the next page moves there, with the headings above it on its page;
          // - no paragraph leaves only its first line at the foot of a page (orphans 2): it moves
          //   to the next page, with the headings right above it.
          function isHeading(el) { return !!el && /(^| )heading-[1-4]( |$)/.test(el.className); }
          function pageOf(el) { return Math.floor((offset(el) + 0.5) / grid); }
          function startPage(el) {
            while (isHeading(el.previousElementSibling) && pageOf(el.previousElementSibling) === pageOf(el)) { el = el.previousElementSibling; }
            if (el.classList.contains("page-start") || !el.previousElementSibling) { return; }
            el.classList.add("page-start");
            el.style.breakBefore = "page";
          }
          var flow = document.querySelectorAll(".body p, .body li, .body h2, .body h3, .body h4, .body h5, .attachment p, .attachment li, .attachment h3, .attachment h4, .attachment h5");
          for (var f = 0; f < flow.length; f++) {
            var el = flow[f];
            if (el.closest("table, .signatures, .parties, .closing")) { continue; }
            if (isHeading(el)) {
              // A heading whose next block (text, or the next heading of its run) starts on the
              // next page ends its page: it moves, with the headings above it on its page.
              var next = el.nextElementSibling;
              if (next && pageOf(next) !== pageOf(el)) { startPage(el); }
              continue;
            }
            var top = offset(el), lines = Math.round(el.getBoundingClientRect().height / line);
            if (lines >= 2 && Math.round((top - Math.floor((top + 0.5) / grid) * grid) / line) === Math.round(grid / line) - 1) {
              startPage(el);
            }
          }
          // Signature blocks of forms likewise take the paragraph before them along.
          var closings = document.querySelectorAll(".closing, .signatures");
          for (var i = 0; i < closings.length; i++) {
            // The 署名 block does not split; when it does not fit below the text (its top margin is
            // dropped at a page break), it would open the next page by itself.
            var c = closings[i], at = offset(c), margin = parseFloat(getComputedStyle(c).marginTop);
            var pageOfText = Math.floor((at - margin - 0.5) / grid);
            // The 附注 under the date stays with it.
            var note = c.nextElementSibling && c.nextElementSibling.classList.contains("note") ? c.nextElementSibling.getBoundingClientRect().height : 0;
            if (at + c.getBoundingClientRect().height + note > (pageOfText + 1) * grid + 0.5) { movePreviousParagraph(c); continue; }
            // Like LibreOffice's keep-together on that paragraph: it does not split across pages.
            var p = previousParagraph(c);
            if (p) {
              var pTop = offset(p), pBottom = pTop + p.getBoundingClientRect().height;
              if (Math.floor((pTop + 0.5) / grid) !== Math.floor((pBottom - 0.5) / grid)) { movePreviousParagraph(c); }
            }
          }
          var footers = document.querySelectorAll("footer.colophon");
          for (var j = 0; j < footers.length; j++) {
            var f = footers[j];
            f.style.marginTop = "0px";
            var height = f.getBoundingClientRect().height;
            // Room between the 版记's place in the flow and the foot of its page.
            var room = function () { var top = offset(f); return page - (top - Math.floor(top / grid) * grid) - height - 1; };
            var space = room(), closing = f.closest("article").querySelector(".closing");
            if (space < 0 && closing && !f.closest("article").querySelector(".attachment") && movePreviousParagraph(closing)) {
              // As in LibreOffice, whose 版记 frame would cover the 署名: the paragraph before the
              // 署名 takes it and the 版记 to the next page.
              space = room();
            }
            if (space < 0) {
              // No room left: the 版记 gets a page of its own. A margin after an unforced break
              // is dropped, so the break is forced and the margin kept.
              f.style.breakBefore = "page";
              space = page - height - 1;
            }
            f.style.marginTop = Math.max(0, space) + "px";
          }\(duplex || restartNumbers ? "\n" + records(p, duplex: duplex, restartNumbers: restartNumbers) : "")
        })();
        """
    }
}
