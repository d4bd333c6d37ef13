/// A few lines of script that put each 版记 on the bottom edge of the 版心 of its document's
/// last page (GB/T 9704 7.4). CSS cannot place an element at the foot of the last page, so the
/// page is measured once the document is laid out: the text width is the 版心's in screen and
/// print alike, so the 版记's distance from the start of its page run (the document, or its last
/// 附件, which starts a page) is the same in both, and the space above it is set to fill that
/// page. One pixel per page is kept in hand for Chromium's rounding of line boxes.
enum HTMLPagination {
    static func script(_ p: LayoutProfile) -> String {
        """
        (function () {
          var px = 96 / 25.4, page = \(p.textHeightMM) * px;
          var footers = document.querySelectorAll("footer.colophon");
          for (var i = 0; i < footers.length; i++) {
            var f = footers[i], article = f.closest("article");
            var runs = article.querySelectorAll(".attachment"), start = runs.length ? runs[runs.length - 1] : article;
            var origin = start.getBoundingClientRect().top + (start === article ? parseFloat(getComputedStyle(article).paddingTop) : 0);
            f.style.marginTop = "0px";
            var top = f.getBoundingClientRect().top - origin, height = f.getBoundingClientRect().height;
            var pages = Math.floor(top / page), space = page - (top - pages * page) - height - (pages + 1);
            if (space < 0) { space += page; }
            f.style.marginTop = Math.max(0, space) + "px";
          }
        })();
        """
    }
}
