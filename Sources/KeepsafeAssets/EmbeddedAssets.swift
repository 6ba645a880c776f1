/// The files keepsafe ships from `assets/`, compiled into the binary so that an
/// installed `keepsafe` needs nothing beside it.
///
/// The texts live in `Generated/`, written by `scripts/embed-assets.py` from the files
/// people edit; a test compares the two. Nothing is parsed here: a caller turns a text
/// into a table when it first needs it.
///
///     let json = EmbeddedAssets.text("strings.json")
///     let step = EmbeddedAssets.text("walkthroughs/lib/login.walkinc")
public enum EmbeddedAssets {
    /// The text of the file at `path` under `assets/` (`"brand.json"`,
    /// `"walkthroughs/snapshots/home.txt"`), or `nil` when keepsafe ships no such file.
    public static func text(_ path: String) -> String? {
        dataText(path) ?? walkthroughText(path)
    }

    /// Every embedded path under `assets/`, sorted within its group.
    public static var paths: [String] { dataPaths + walkthroughPaths }
}
