// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "keepsafe",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "keepsafe", targets: ["keepsafe"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // What FoundationEssentials lacks and keepsafe needs (a lock, path arithmetic, C
        // formats, ISO 8601, NFC): full Foundation would add ICU's data to the binary.
        .target(name: "KeepsafeBase"),
        // HOTP/TOTP, Base32, otpauth URIs, secrets, password hashing.
        .target(
            name: "OneTimePassword",
            dependencies: [
                "KeepsafeBase",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // QR Code Model 2 encoder (ISO/IEC 18004) and renderers to text cells.
        .target(name: "QRCode"),
        // Records and the file-per-record JSON store.
        .target(name: "KeepsafeStore", dependencies: ["KeepsafeBase"]),
        // The PostgreSQL engine of the store protocol, for teams sharing one server.
        .target(
            name: "KeepsafePostgres",
            dependencies: [
                "KeepsafeStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The files of assets/ as string literals (scripts/embed-assets.py writes them), so
        // the installed binary needs no resource bundle beside it.
        .target(name: "KeepsafeAssets"),
        // The pure flow engine, the screen model and the runtime that performs effects.
        .target(
            name: "KeepsafeFlow",
            dependencies: ["KeepsafeBase", "OneTimePassword", "QRCode", "KeepsafeStore", "KeepsafeAssets"]
        ),
        // No pkgConfig: SwiftPM would drop (and warn about) its -D_XOPEN_SOURCE flags
        // anyway; the modulemap links ncursesw and shim.h defines NCURSES_WIDECHAR.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // ncurses renderer, key decoding, colours; no flow logic.
        .target(name: "TerminalUI", dependencies: ["CNcursesw", "KeepsafeBase", "KeepsafeFlow", "QRCode"]),
        // Walkthrough scripts, runner, asciicast and JUnit writers.
        .target(
            name: "Walkthrough",
            dependencies: ["KeepsafeBase", "KeepsafeFlow", "KeepsafeStore", "KeepsafeAssets", "TerminalUI"]),
        .executableTarget(
            name: "keepsafe",
            dependencies: [
                "KeepsafeBase", "KeepsafeAssets", "OneTimePassword", "QRCode", "KeepsafeStore",
                "KeepsafePostgres", "KeepsafeFlow", "TerminalUI", "Walkthrough",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Shared test helpers: peer tools, processes, temporary directories.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "OneTimePasswordTests", dependencies: ["OneTimePassword", "TestSupport"]),
        .testTarget(name: "KeepsafeAssetsTests", dependencies: ["KeepsafeAssets"]),
        .testTarget(name: "KeepsafeBaseTests", dependencies: ["KeepsafeBase"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode", "TestSupport"]),
        .testTarget(
            name: "KeepsafeStoreTests",
            dependencies: ["KeepsafeStore", "KeepsafePostgres", "TestSupport", "keepsafe-store-torture"]),
        // Child processes for the store's concurrency and crash tests.
        .executableTarget(
            name: "keepsafe-store-torture", dependencies: ["KeepsafeStore", "KeepsafePostgres"], path: "Tests/StoreTorture"),
        .testTarget(
            name: "KeepsafeFlowTests",
            dependencies: ["KeepsafeFlow", "KeepsafeStore", "OneTimePassword", "TestSupport"]),
        .testTarget(
            name: "WalkthroughTests",
            dependencies: [
                "Walkthrough", "KeepsafeFlow", "KeepsafeStore", "OneTimePassword", "QRCode", "TestSupport",
            ]),
        .testTarget(
            name: "TerminalUITests",
            dependencies: ["TerminalUI", "CNcursesw", "KeepsafeFlow", "QRCode", "TestSupport"]),
        // The phone beside the portal in one terminal (issue 7).
        .testTarget(
            name: "PhoneAppTests",
            dependencies: [
                "keepsafe", "TerminalUI", "KeepsafeFlow", "KeepsafeStore", "OneTimePassword", "TestSupport",
            ]),
        // Runs the built binary: against peer tools, in tmux, across processes.
        .testTarget(name: "EndToEndTests", dependencies: ["keepsafe", "KeepsafeStore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
