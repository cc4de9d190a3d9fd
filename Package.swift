// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "EntryLedger",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "entryledger", targets: ["entryledger"]),
        .library(name: "EntryLedger", targets: ["EntryLedger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "EntryLedger",
            dependencies: [
                "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "entryledger",
            dependencies: [
                "EntryLedger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "entryledger-bench",
            dependencies: [
                "EntryLedger",
                "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Helpers shared by the test targets: a seeded generator and a runner for the real binary.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CanonicalTests", dependencies: ["EntryLedger", "TestSupport"], path: "Tests/CanonicalTests",
                    exclude: ["Vectors"]),
        .testTarget(name: "LedgerCoreTests", dependencies: ["EntryLedger"], path: "Tests/LedgerCoreTests"),
        .testTarget(name: "EntryTests", dependencies: ["EntryLedger", "TestSupport"], path: "Tests/EntryTests", exclude: ["Fixtures"]),
        .testTarget(name: "IncidentTests", dependencies: ["EntryLedger"], path: "Tests/IncidentTests"),
        .testTarget(name: "ReplayTests", dependencies: ["EntryLedger"], path: "Tests/ReplayTests"),
        .testTarget(name: "CLITests", dependencies: ["EntryLedger", "entryledger", "TestSupport"], path: "Tests/CLITests"),
        .testTarget(name: "MerkleTests", dependencies: ["EntryLedger"], path: "Tests/MerkleTests", exclude: ["Vectors"]),
        .testTarget(name: "ABITests", dependencies: ["EntryLedger", "TestSupport"], path: "Tests/ABITests"),
        .testTarget(name: "ReviewerTests", dependencies: ["EntryLedger", "entryledger", "TestSupport"], path: "Tests/ReviewerTests"),
        .testTarget(name: "ReliabilityTests", dependencies: ["EntryLedger", "entryledger", "TestSupport"], path: "Tests/ReliabilityTests"),
        .testTarget(name: "ReadinessTests", dependencies: ["EntryLedger", "entryledger", "TestSupport"], path: "Tests/ReadinessTests"),
    ]
)
