// swift-tools-version:6.0
import PackageDescription

// Module layout and import direction: see ARCHITECTURE.md (shared). HTTPCore knows no
// domain word; AgentCore imports nothing of ours; only AgentAPI joins them.
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let metrics: [Target.Dependency] = [
    .product(name: "CoreMetrics", package: "swift-metrics"),
    .product(name: "Prometheus", package: "swift-prometheus"),
]

let package = Package(
    name: "employer-agent",
    products: [
        .executable(name: "employer-agent", targets: ["employer-agent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Metrics: both NIO-free (Prometheus pulls only swift-atomics and CoreMetrics).
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // C shims over what Glibc and OpenSSL do not import cleanly.
        .target(name: "CSystem"),
        .target(
            name: "CTLS",
            linkerSettings: [.linkedLibrary("ssl"), .linkedLibrary("crypto")]
        ),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // Our adjustments to SQLite: WAL frames written in one call, the page cache truncation.
        .target(name: "CSQLiteTuning", linkerSettings: [.linkedLibrary("sqlite3")]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),

        .target(name: "AgentCore"),
        .target(name: "Crypto", dependencies: ["CTLS"]),
        .target(name: "HTTPCore", dependencies: ["CSystem", "CTLS", logging]),
        .target(name: "Storage", dependencies: ["CSQLite", "CSQLiteTuning", "Crypto", "AgentCore"]),
        .target(name: "GovernmentSimulator", dependencies: ["AgentCore"]),
        .target(name: "Notices", dependencies: ["AgentCore", "CPangoCairo"]),
        // The government side over the wire (ICA v31 REST).
        .target(name: "GovernmentICA", dependencies: ["AgentCore", "HTTPCore", "Crypto"]),
        .target(
            name: "AgentAPI",
            dependencies: ["HTTPCore", "Storage", "GovernmentSimulator", "GovernmentICA", "Notices", "Crypto", "AgentCore", logging] + metrics
        ),
        .executableTarget(
            name: "employer-agent",
            dependencies: ["AgentAPI", "HTTPCore", "Storage", "Crypto", .product(name: "ArgumentParser", package: "swift-argument-parser"), logging]
        ),

        // A minimal server on HTTPCore alone (health + JSON echo) for scripts/bench.sh.
        .executableTarget(name: "http-echo-bench", dependencies: ["HTTPCore"], path: "Benchmarks/EchoServer"),
        // A child process the storage durability test kills with SIGKILL.
        .executableTarget(name: "storage-crash-probe", dependencies: ["Storage"], path: "Tests/Probes/StorageCrashProbe"),
        // Durable insert throughput with many concurrent writers (group commit).
        .executableTarget(name: "storage-bench", dependencies: ["Storage"], path: "Benchmarks/StorageBench"),
        // Loads open cases with their work items and times the work queue (scripts/bench-work-queue.sh).
        .executableTarget(name: "work-queue-bench", dependencies: ["AgentAPI", "Storage", "AgentCore"], path: "Benchmarks/WorkQueueBench"),
        .executableTarget(name: "case-path-bench", dependencies: ["AgentAPI", "AgentCore", "HTTPCore"], path: "Benchmarks/CasePathBench"),
        // Blocking HTTP and TLS clients shared by the test targets.
        .target(name: "TestSupport", dependencies: ["CSystem", "CTLS"], path: "Tests/Support"),

        .testTarget(name: "AgentCoreTests", dependencies: ["AgentCore"]),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"]),
        .testTarget(name: "HTTPCoreTests", dependencies: ["HTTPCore", "CSystem", "CTLS", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Crypto", "AgentCore"]),
        .testTarget(name: "GovernmentSimulatorTests", dependencies: ["GovernmentSimulator", "Storage", "AgentCore", "Crypto"]),
        .testTarget(name: "NoticesTests", dependencies: ["Notices", "AgentCore"]),
        .testTarget(name: "GovernmentICATests", dependencies: ["GovernmentICA", "AgentCore", "HTTPCore"]),
        .testTarget(name: "AgentAPITests", dependencies: ["AgentAPI", "HTTPCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["AgentAPI", "HTTPCore", "CTLS", "TestSupport"]),
    ]
)
