/// A control of a screen, named by a case of the feature's control enum. The raw value
/// is the element id that the screen model, the renderers and recordings carry; reducers
/// receive the enum case and never match the string.
public protocol ControlName: RawRepresentable, Sendable, Hashable where RawValue == String {}

/// Controls that mean the same on every page that shows them.
enum SharedControl: String, ControlName {
    /// "Help" opens the help page from anywhere.
    case help
    /// The one-time code field: a refused code clears it and puts the focus back there.
    case code
}
