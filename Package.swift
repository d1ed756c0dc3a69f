// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Stadshart",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "stadshart", targets: ["stadshart"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
    ],
    targets: [
        // Pure domain rules: no Vapor, no Fluent, no I/O.
        .target(name: "StadshartCore"),
        .target(
            name: "StadshartServer",
            dependencies: [
                "StadshartCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
            ]
        ),
        .executableTarget(
            name: "stadshart",
            dependencies: ["StadshartServer"]
        ),
        .testTarget(name: "StadshartCoreTests", dependencies: ["StadshartCore"]),
        .testTarget(
            name: "StadshartServerTests",
            dependencies: [
                "StadshartServer",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ]
        ),
    ]
)
