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
        // The clerk's desk: a small HTTP/1.1 server on Swift concurrency, with no dependencies of its own.
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // The record format: canonical JSON, keys, records, Merkle trees, signed notes and
        // checkpoints, proof files, the rules' protocol and the verifier. No SQLite.
        .target(
            name: "LedgerFormat",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The SQLite store: the records table and its index tables, behind package methods.
        .target(name: "LedgerSQLite", dependencies: ["LedgerFormat", "CSQLite"]),
        // The domain: the ledger facade, entries, incident, ABI, replay, accounting, bundle, backup.
        .target(
            name: "EntryLedger",
            dependencies: [
                "LedgerFormat",
                "LedgerSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // Data: the common passwords a new passphrase may not be.
            resources: [.embedInCode("Resources/common-passwords.txt")]
        ),
        // The clerk's desk (a loopback web app) and the paper forms it prints (a small PDF writer).
        .target(
            name: "EntryLedgerDesk",
            dependencies: [
                "EntryLedger",
                "LedgerFormat",
                "LedgerSQLite",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "entryledger",
            dependencies: [
                "EntryLedger",
                "EntryLedgerDesk",
                "LedgerSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "entryledger-bench",
            dependencies: [
                "EntryLedger",
                "LedgerSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Helpers shared by the test targets: a seeded generator and a runner for the real binary.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CanonicalTests", dependencies: ["LedgerFormat", "TestSupport"], path: "Tests/CanonicalTests",
                    exclude: ["Vectors"]),
        .testTarget(name: "LedgerCoreTests", dependencies: ["EntryLedger", "LedgerFormat", "LedgerSQLite"], path: "Tests/LedgerCoreTests"),
        .testTarget(name: "EntryTests", dependencies: ["EntryLedger", "LedgerFormat", "LedgerSQLite", "TestSupport"], path: "Tests/EntryTests", exclude: ["Fixtures"]),
        .testTarget(name: "IncidentTests", dependencies: ["EntryLedger", "LedgerFormat", "LedgerSQLite"], path: "Tests/IncidentTests"),
        .testTarget(name: "ReplayTests", dependencies: ["EntryLedger", "LedgerFormat", "LedgerSQLite"], path: "Tests/ReplayTests"),
        .testTarget(name: "CLITests", dependencies: ["EntryLedger", "LedgerFormat", "LedgerSQLite", "entryledger", "TestSupport"], path: "Tests/CLITests"),
        .testTarget(name: "MerkleTests", dependencies: ["LedgerFormat", .product(name: "Crypto", package: "swift-crypto")], path: "Tests/MerkleTests", exclude: ["Vectors"]),
        .testTarget(name: "ABITests", dependencies: ["EntryLedger", "LedgerFormat", "LedgerSQLite", "TestSupport"], path: "Tests/ABITests"),
        .testTarget(name: "ReviewerTests", dependencies: ["EntryLedger", "LedgerFormat", "LedgerSQLite", "entryledger", "TestSupport"], path: "Tests/ReviewerTests"),
        // The README's library example, built against EntryLedger's public API alone.
        .testTarget(name: "LibraryExampleTests", dependencies: ["EntryLedger"], path: "Tests/LibraryExampleTests"),
        .testTarget(name: "ReliabilityTests", dependencies: ["EntryLedger", "LedgerFormat", "LedgerSQLite", "entryledger", "TestSupport"], path: "Tests/ReliabilityTests"),
        .testTarget(name: "DeskTests", dependencies: ["EntryLedger", "EntryLedgerDesk", "LedgerFormat", "LedgerSQLite", "TestSupport"], path: "Tests/DeskTests"),
        .testTarget(name: "ReadinessTests", dependencies: ["EntryLedger", "LedgerFormat", "LedgerSQLite", "entryledger", "TestSupport"], path: "Tests/ReadinessTests"),
    ]
)
