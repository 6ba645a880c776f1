import ArgumentParser

/// `--store DIR`, shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store directory (default: $KEEPSAFE_STORE, else $XDG_DATA_HOME/keepsafe).",
            valueName: "DIR"))
    var store: String?
}
