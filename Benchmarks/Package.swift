// swift-tools-version: 6.0
import PackageDescription

/// Benchmarks: kept out of the main package so `swift test` never builds them.
/// Run: `swift run -c release --package-path Benchmarks meshbench <name>` (see README.md here).
let package = Package(
    name: "MeshworkBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Meshwork", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "meshbench",
            dependencies: [
                .product(name: "Columnar", package: "Meshwork"),
                .product(name: "Parquet", package: "Meshwork"),
                .product(name: "Iceberg", package: "Meshwork"),
                .product(name: "Quality", package: "Meshwork"),
                .product(name: "Contracts", package: "Meshwork"),
                .product(name: "Governance", package: "Meshwork"),
                .product(name: "Iceberg", package: "Meshwork"),
                .product(name: "Mesh", package: "Meshwork"),
                .product(name: "Training", package: "Meshwork"),
            ]
        ),
        // The bare HTTP stack `meshbench serve` compares the mesh server with.
        .executableTarget(name: "barehttp", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),
    ],
    swiftLanguageModes: [.v6]
)
