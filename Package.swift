// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Tocsin",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tocsin", targets: ["tocsin"]),
        .library(name: "TocsinCore", targets: ["TocsinCore"]),
        .library(name: "TocsinTesting", targets: ["TocsinTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
    ],
    targets: [
        // PCRE2 (8-bit) from Debian's libpcre2-dev, wrapped in a tiny shim header.
        .systemLibrary(
            name: "CPCRE2",
            path: "Sources/CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // Pure domain: no I/O, no server types.
        .target(name: "TocsinCore", swiftSettings: swiftSettings),
        // Keyword matching (PCRE2) and loaders for Keywords/ and Compliance/ data.
        .target(
            name: "TocsinRules",
            dependencies: ["TocsinCore", "CPCRE2", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // SQLite store (GRDB) behind the store protocols of TocsinCore.
        .target(
            name: "TocsinStore",
            dependencies: [
                "TocsinCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // PostgreSQL store (postgres-nio) behind the same store protocols (`storage.database: postgres://…`).
        .target(
            name: "TocsinPostgres",
            dependencies: [
                // TocsinStore for the ledger's ErasureKey, LedgerEncoding and verification (one format, one verifier).
                "TocsinCore", "TocsinStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Carrier adapters, one folder per carrier (the mock among them).
        .target(
            name: "TocsinCarriers",
            dependencies: [
                "TocsinCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Inbound handling, scheduler and dispatcher as services.
        .target(
            name: "TocsinEngine",
            dependencies: [
                "TocsinCore", "TocsinRules",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The Hummingbird server and the composition root.
        .target(
            name: "TocsinServer",
            dependencies: [
                "TocsinCore", "TocsinRules", "TocsinStore", "TocsinPostgres", "TocsinCarriers", "TocsinEngine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Test support: scripted mock carrier, mock clock, fixtures, carrier API stubs.
        .target(
            name: "TocsinTesting",
            dependencies: [
                "TocsinCore", "TocsinCarriers",
                // The local carrier API stub (CarrierAPIStub) runs on an ephemeral loopback port.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        // The thin CLI.
        .executableTarget(
            name: "tocsin",
            dependencies: [
                "TocsinServer", "TocsinCore", "TocsinRules", "TocsinStore", "TocsinPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // `make bench`.
        .executableTarget(
            name: "TocsinBench",
            dependencies: [
                "TocsinServer", "TocsinTesting", "TocsinRules", "TocsinCarriers", "TocsinCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The PostgreSQL part of the bench (pg-dispatch, pg-inbound, pg-count, stop-fence).
                "TocsinPostgres", "TocsinEngine", .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TocsinCoreTests", dependencies: ["TocsinCore"], swiftSettings: swiftSettings),
        .testTarget(name: "TocsinRulesTests", dependencies: ["TocsinRules"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TocsinStoreTests",
            dependencies: ["TocsinStore", "TocsinTesting", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TocsinPostgresTests",
            dependencies: [
                "TocsinPostgres", "TocsinStore", "TocsinTesting", "TocsinCore", "TocsinCarriers",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
                // The two-instance opt-out tests run the real dispatcher and inbound path.
                "TocsinEngine", "TocsinRules",
            ],
            swiftSettings: swiftSettings
        ),
        // The bench's pure helpers (adding up concurrent runs).
        .testTarget(name: "TocsinBenchTests", dependencies: ["TocsinBench"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TocsinCarriersTests", dependencies: ["TocsinCarriers", "TocsinTesting"], exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TocsinEngineTests",
            dependencies: ["TocsinEngine", "TocsinStore", "TocsinTesting", .product(name: "MetricsTestKit", package: "swift-metrics")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TocsinServerTests",
            dependencies: [
                "TocsinServer", "TocsinTesting", "TocsinStore", "TocsinPostgres", "TocsinCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
