// swift-tools-version: 6.0
import PackageDescription

/// Meshwork: a data mesh platform for AI training pipelines.
///
/// Modules, dependencies pointing down (see ARCHITECTURE.md):
///   Columnar  <- Codecs <- Parquet          (formats: no I/O policy, no server)
///   Codecs <- Avro <- Iceberg (+ Columnar, Parquet)  (table format, commits, scans)
///   Contracts <- Governance <- Quality      (the mesh model: pure)
///   TextFormats (CSV / JSON lines <-> Columnar)
///   Catalog <- SQLiteCatalog                (the mesh catalog store: protocol + memory; SQLite via GRDB)
///   Training  (training-set specs, point-in-time joins, splits, leakage checks: pure, over Columnar)
///   Mesh      (the service layer: publish, read, access, events; over all of the above)
///   MeshServer (HTTP: Iceberg REST catalog, JSON API, tokens; Hummingbird 2, over Mesh)
///   MeshCLI   (the `mesh` executable)
let package = Package(
    name: "Meshwork",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mesh", targets: ["MeshCLI"]),
        .library(name: "Columnar", targets: ["Columnar"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "Avro", targets: ["Avro"]),
        .library(name: "Iceberg", targets: ["Iceberg"]),
        .library(name: "Contracts", targets: ["Contracts"]),
        .library(name: "Governance", targets: ["Governance"]),
        .library(name: "Quality", targets: ["Quality"]),
        .library(name: "Catalog", targets: ["Catalog"]),
        .library(name: "Training", targets: ["Training"]),
        .library(name: "Mesh", targets: ["Mesh"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in the graph through Hummingbird; named for `mesh serve`'s service group and logs.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // MARK: Formats (pure, toolchain only)
        .target(name: "Columnar", dependencies: [.target(name: "CMalloc", condition: .when(platforms: [.linux]))]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMalloc"),
        .target(name: "Codecs", dependencies: ["CZlib"]),
        .target(name: "Parquet", dependencies: ["Columnar", "Codecs"]),
        .target(name: "TextFormats", dependencies: ["Columnar"]),
        .target(name: "Avro", dependencies: ["Codecs"]),
        .target(name: "Iceberg", dependencies: ["Avro", "Columnar", "Parquet", "Codecs"]),

        // MARK: The mesh model (pure)
        .target(name: "Contracts", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "Governance", dependencies: ["Contracts", .product(name: "Yams", package: "Yams")]),
        .target(name: "Quality", dependencies: ["Columnar", "Contracts", "Governance"]),

        // MARK: The catalog store and the service layer
        .target(name: "Catalog"),
        .target(name: "Training", dependencies: ["Columnar", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "SQLiteCatalog", dependencies: ["Catalog", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .target(
            name: "Mesh",
            dependencies: [
                "Catalog", "SQLiteCatalog", "Training", "Columnar", "Parquet", "Iceberg", "TextFormats", "Contracts", "Governance", "Quality",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // MARK: Front ends
        .target(
            name: "MeshServer",
            dependencies: [
                "Mesh", "Catalog", "Iceberg", "Avro", "Columnar", "TextFormats", "Contracts", "Governance", "Quality",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "MeshRemote", dependencies: ["Mesh", "Catalog"]),
        .executableTarget(
            name: "MeshCLI",
            dependencies: [
                "Columnar", "Parquet", "Iceberg", "TextFormats", "Contracts", "Governance", "Quality", "Catalog", "Mesh", "MeshServer", "MeshRemote",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Tests
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ColumnarTests", dependencies: ["Columnar"]),
        .testTarget(name: "CodecsTests", dependencies: ["TestSupport", "Codecs"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ParquetTests", dependencies: ["TestSupport", "Parquet", "Columnar", "Codecs"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AvroTests", dependencies: ["TestSupport", "Avro", "Codecs"]),
        .testTarget(name: "IcebergTests", dependencies: ["TestSupport", "Iceberg", "Avro", "Columnar", "Parquet"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TextFormatsTests", dependencies: ["TestSupport", "TextFormats", "Columnar"]),
        .testTarget(name: "ContractsTests", dependencies: ["TestSupport", "Contracts"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GovernanceTests", dependencies: ["TestSupport", "Governance", "Contracts"], resources: [.copy("Fixtures")]),
        .testTarget(name: "QualityTests", dependencies: ["TestSupport", "Quality", "Columnar", "Contracts", "Governance"]),
        .testTarget(name: "CatalogTests", dependencies: ["TestSupport", "Catalog", "SQLiteCatalog", "Iceberg", "Columnar", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TrainingTests", dependencies: ["TestSupport", "Training", "Columnar"]),
        .testTarget(name: "MeshTests", dependencies: ["TestSupport", "Mesh", "Catalog", "Iceberg", "Columnar", "Contracts", "Governance", "Quality"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "MeshServerTests",
            dependencies: [
                "TestSupport", "MeshServer", "Mesh", "Catalog", "Iceberg", "Columnar",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "MeshRemoteTests",
            dependencies: [
                "TestSupport", "MeshRemote", "MeshServer", "Mesh", "Catalog",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "MeshCLITests", dependencies: ["TestSupport", "MeshCLI", "Iceberg", "Columnar"], exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
