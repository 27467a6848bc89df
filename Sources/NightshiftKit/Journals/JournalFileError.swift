/// Why a journal file cannot be opened or written.
public enum JournalFileError: Error, CustomStringConvertible {
    case cannotOpen(String, String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open the journal \(path): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write the journal \(path): \(reason)"
        }
    }
}
