import Testing
@testable import GongwenPDF

// Tests of the PDF output live beside this file, one concern per file.
