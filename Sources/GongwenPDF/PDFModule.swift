/// Gongwen's own PDF output (issue 17): the document tree laid out on the GB/T 9704 grid by
/// Gongwen itself (Layout/), fonts read from their OpenType tables and embedded as subsets
/// (Fonts/), and the PDF file written object by object (File/). Nothing here calls LibreOffice
/// or a browser: they are only used by the checks that compare against them.
public enum GongwenPDF {}
