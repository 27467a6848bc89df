/// Why a folder named as a pack cannot be read as one.
public enum PackError: Error, CustomStringConvertible, Equatable {
    case notAFolder(String)
    case notAPack(String)

    public var description: String {
        switch self {
        case .notAFolder(let path): return "\(path) is not a folder"
        case .notAPack(let path): return "\(path) holds no pack: expected Scenarios/pack.yaml (and Grading/) inside it"
        }
    }
}
