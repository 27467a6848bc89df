/// The pack compiled into this binary; see `builtinPackFiles` (generated).
public enum BuiltinPack {
    /// Every embedded file, sorted by path.
    public static var files: [(path: String, text: String)] { builtinPackFiles }
}
