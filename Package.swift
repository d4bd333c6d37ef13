// swift-tools-version:6.2
import PackageDescription

/// Gongwen: merges jurisdiction data into Chinese official documents (GB/T 9704-2012)
/// and writes them as print-ready HTML and as ODF (.odt and flat .fodt).
///
/// Module layering (each depends only on the ones above it):
///   GongwenModel     – document tree, values, diagnostics; no dependencies
///   GongwenFormat    – Chinese numerals, dates, 大写金额, rates, 发文字号, punctuation; Foundation only
///   GongwenTemplate  – XML template → Template; expressions, filters, merge
///   GongwenData      – data readers (JSON, YAML, CSV) into `Value`
///   GongwenZip       – zip packaging (deflate pieces, zip entries and streams); zlib or ISA-L
///   GongwenRender    – the writer interface (`DocumentWriter`), the HTML and ODF writers, GB/T 9704 layout profile
///   GongwenAssess    – assessment rules (XML → rules), scoring, ranking, decisions with explanations; the
///                      history interface the rules read
///   GongwenHistory   – the embedded SQLite history of assessments (GRDB): migrations, transactions, export/import
///   GongwenRegister  – the 双诚信双承诺 register (GRDB): households, pledges, credit entries, 履约证明, 签订率
///   GongwenPDF       – Gongwen's own PDF: fonts (OpenType tables, subsets via HarfBuzz loaded at run time),
///                      line and page layout on the GB/T 9704 grid, the PDF file writer
///   Gongwen          – the pipeline facade shared by the CLI and the web app; the table of writers by format
///   GongwenServer    – `gongwen serve`: the office's web page (Hummingbird), jobs and accounts (SQLite via GRDB)
///   gongwen          – the command line
let package = Package(
    name: "Gongwen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gongwen", targets: ["gongwen"]),
        .library(name: "Gongwen", targets: ["Gongwen"]),
    ],
    // ISA-L (igzip) deflates combined batches several times faster than zlib, but it is not on
    // a stock Debian/Ubuntu image: opt in with `swift build --traits ISAL` (apt libisal-dev).
    traits: [
        .trait(name: "ISAL", description: "Deflate .odt packages with Intel ISA-L (libisal-dev) instead of zlib"),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(name: "CDeflate", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .systemLibrary(name: "CISAL", pkgConfig: "libisal", providers: [.apt(["libisal-dev"]), .brew(["isa-l"])]),
        // SHA-256 for manifests from OpenSSL's libcrypto (libssl-dev), not BoringSSL built from source.
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        .target(name: "GongwenModel"),
        .target(name: "GongwenFormat"),
        .target(name: "GongwenTemplate", dependencies: ["GongwenModel", "GongwenFormat", "CLibXML2"]),
        .target(name: "GongwenData", dependencies: ["GongwenModel", "GongwenFormat", "Yams", "CLibXML2", "CDeflate"]),
        .target(name: "GongwenZip", dependencies: [
            "CDeflate", .target(name: "CISAL", condition: .when(traits: ["ISAL"])),
        ]),
        .target(name: "GongwenRender", dependencies: ["GongwenModel", "GongwenZip"]),
        .target(name: "GongwenAssess", dependencies: ["GongwenModel", "GongwenFormat", "GongwenTemplate", "GongwenData"]),
        .target(name: "GongwenHistory", dependencies: [
            "GongwenAssess", "GongwenData", "GongwenModel", "GongwenFormat", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "GongwenRegister", dependencies: [
            "GongwenData", "GongwenModel", "CLibCrypto", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "GongwenPDF", dependencies: ["GongwenModel", "GongwenRender", "CDeflate"]),
        .target(name: "Gongwen", dependencies: [
            "GongwenModel", "GongwenTemplate", "GongwenData", "GongwenRender", "GongwenPDF", "GongwenZip", "CLibCrypto",
            "GongwenAssess", "GongwenHistory",
        ]),
        .target(name: "GongwenServer", dependencies: [
            "Gongwen", "GongwenTemplate", "GongwenRender", "GongwenData", "GongwenModel", "GongwenAssess",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        ]),
        .executableTarget(name: "gongwen", dependencies: [
            "Gongwen", "GongwenTemplate", "GongwenRender", "GongwenData", "GongwenServer", "GongwenHistory", "GongwenAssess", "GongwenRegister",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The fuzz targets (Tests/Fuzz): libFuzzer's entry point when built with -D FUZZING and
        // -sanitize=fuzzer, else a replay of the committed corpus.
        .executableTarget(name: "GongwenFuzz", dependencies: ["GongwenTemplate", "GongwenData", "GongwenRender"]),
        .target(name: "TestSupport", dependencies: [
            "Gongwen", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], path: "Tests/TestSupport"),
        .testTarget(name: "GongwenModelTests", dependencies: ["GongwenModel", "TestSupport"]),
        .testTarget(name: "GongwenFormatTests", dependencies: [
            "GongwenFormat", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "GongwenTemplateTests", dependencies: [
            "GongwenTemplate", "GongwenFormat", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "GongwenDataTests", dependencies: [
            "GongwenData", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "GongwenRenderTests", dependencies: ["GongwenRender", "GongwenZip", "TestSupport"]),
        .testTarget(name: "GongwenAssessTests", dependencies: ["GongwenAssess", "GongwenTemplate", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "GongwenHistoryTests", dependencies: [
            "GongwenHistory", "GongwenAssess", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "GongwenRegisterTests", dependencies: [
            "GongwenRegister", "GongwenData", "GongwenModel", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "GongwenPDFTests", dependencies: ["GongwenPDF", "GongwenRender", "GongwenModel"]),
        .testTarget(name: "GongwenTests", dependencies: [
            "Gongwen", "GongwenPDF", "GongwenRender", "GongwenTemplate", "GongwenAssess", "GongwenHistory", "GongwenData", "TestSupport",
        ], exclude: ["Golden"]),
        .testTarget(name: "GongwenServerTests", dependencies: [
            "GongwenServer", "Gongwen", "GongwenModel", "GongwenData", "GongwenAssess", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
