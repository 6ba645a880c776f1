import KeepsafeAssets
import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The portal's identity: name, issuer shown in authenticator apps, colours and the
/// announcement on the home page (`assets/brand.json`, or `--brand FILE`, or
/// `STORE/brand.json`). The bundled brand is a fictional portal.
public struct Brand: Codable, Sendable, Equatable {
    /// The portal's name in titles and messages.
    public var portalName: String
    /// The issuer in otpauth URIs (no colon: authenticator apps split labels on it).
    public var issuer: String
    /// The company running the portal, in help texts.
    public var company: String
    /// Name of the push authenticator app the install step asks for.
    public var pushAppName: String
    /// Base URL carried by push enrollment URIs.
    public var pushBaseURL: String
    /// The home page announcement; empty for none.
    public var announcement: String
    /// The label of the announcement's link ("Register now"), and where it leads; both
    /// or neither. The terminal cannot open a browser: the link copies the address.
    public var announcementLink: String?
    public var announcementURL: String?
    /// Colours by role (`accent`, `banner`, `error`, ...) as `#rrggbb`; front ends map them.
    public var colors: [String: String]

    /// Creates a brand.
    public init(
        portalName: String, issuer: String, company: String, pushAppName: String, pushBaseURL: String,
        announcement: String, colors: [String: String], announcementLink: String? = nil,
        announcementURL: String? = nil
    ) {
        self.portalName = portalName
        self.issuer = issuer
        self.company = company
        self.pushAppName = pushAppName
        self.pushBaseURL = pushBaseURL
        self.announcement = announcement
        self.colors = colors
        self.announcementLink = announcementLink
        self.announcementURL = announcementURL
    }

    /// Reads a brand file.
    /// - Throws: `AssetError` naming `path` when it cannot be read or lacks a field.
    public init(contentsOf path: String) throws {
        let data = try AssetError.read(path)
        do {
            self = try JSONDecoder().decode(Brand.self, from: data)
        } catch {
            throw AssetError.malformed(path: path, reason: "not a brand file (\(error))")
        }
        if issuer.contains(":") {
            throw AssetError.malformed(path: path, reason: "issuer must not contain ':'")
        }
    }

    /// The brand a store uses: `file` (`--brand FILE`) when given, else `STORE/brand.json`
    /// when present, else the bundled one.
    /// - Throws: `AssetError` naming the brand file that cannot be used.
    public static func resolve(file: String? = nil, storePath: String) throws -> Brand {
        if let file { return try Brand(contentsOf: file) }
        let storeBrand = Path.join(storePath, "brand.json")
        guard FileManager.default.fileExists(atPath: storeBrand) else { return .bundled }
        return try Brand(contentsOf: storeBrand)
    }

    /// The neutral default brand shipped with keepsafe.
    public static let bundled: Brand = {
        if let text = EmbeddedAssets.text("brand.json"),
            let brand = try? JSONDecoder().decode(Brand.self, from: Data(text.utf8))
        {
            return brand
        }
        return Brand(
            portalName: "Northwind Partner Portal", issuer: "Northwind", company: "Northwind Systems",
            pushAppName: "Northwind Guard", pushBaseURL: "https://portal.northwind.example/",
            announcement: "", colors: [:])
    }()
}
