/// The limits of the template language, in one place. Each is far beyond what an office's
/// template or data needs, and each turns what would otherwise be a crash (a stack overflow,
/// an allocation of terabytes) or a batch that never ends into an error saying where.
public enum Limits {
    // MARK: compiling a template

    /// Bytes of one template or partial file. Templates are a few kilobytes; anything larger
    /// is a mistake or an attack (template-too-large).
    public static let templateBytes = 8 << 20

    /// Files included inside one another (include-depth); cycles are refused whatever the depth.
    public static let includeDepth = 16

    /// Levels of nesting inside one expression: parentheses, brackets, filter arguments, `-`
    /// and `not`. The parser (recursive descent) and the evaluator recurse once per level, so
    /// this bounds their stack: 3,000 parentheses overflowed it. A written expression rarely
    /// nests five deep. (Long flat chains — `a + b + …`, `x | f | g`, `a.b.c` — are kept as
    /// lists and walked by loops: they do not count.) (expression-too-deep)
    public static let expressionDepth = 200

    /// Levels of nested elements in a template, counted through `<include>`s. Compiling and
    /// merging recurse once (merging a few times) per level; libxml2 alone allows 256 per file
    /// and includes go 16 files deep. The shipped templates nest fewer than ten.
    /// (template-too-deep)
    public static let templateDepth = 100

    /// `<include>`s compiled for one template, counting each inclusion of the same partial: a
    /// partial that includes the next one four times, twelve deep, asks for 4^12 inclusions
    /// (include-limit).
    public static let includes = 1_000

    // MARK: merging a record

    /// Bytes (UTF-8) of one text value an expression computes — a `~` concatenation or the
    /// result of a filter such as `replace` or `join`. A megabyte is some 350,000 Chinese
    /// characters, ten times Excel's limit for a cell (32,767 characters); forty `<let>`
    /// doublings of a string would otherwise ask for a terabyte. (value-too-long)
    public static let valueBytes = 1 << 20

    /// Names bound at once by `<let>` and `<each>` around an expression. Every name an
    /// expression reads is looked for among them first, so a template of 100,000 `<let>`s in a
    /// row would look at 10^10 of them for one record. The shipped templates bind about ten.
    /// (too-many-bindings)
    public static let bindings = 1_000

    /// Iterations of one `<each>`: a list of counties, villages or households of one document
    /// has hundreds or thousands of items. (loop-too-long)
    public static let loopIterations = 100_000

    /// Iterations of all `<each>`es merging one record, nested loops included: 1,001 items in
    /// a loop inside a loop over them would be a million. (record-too-many-iterations)
    public static let recordIterations = 1_000_000

    /// Bytes (UTF-8) of text in one record's document. Ten megabytes is thousands of printed
    /// pages; every writer holds a document in memory, and a batch holds one per core.
    /// (record-too-large)
    public static let recordTextBytes = 10 << 20

    /// Template nodes expanded merging one record (elements, text, `<let>`, `<if>`, each
    /// once per iteration): the work of a record, bounded even when it writes no text. The
    /// shipped samples expand at most a few hundred. (record-too-large)
    public static let recordNodes = 5_000_000
}
