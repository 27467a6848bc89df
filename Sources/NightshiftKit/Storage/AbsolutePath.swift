import Foundation

extension String {
    /// This path made absolute against the working folder.
    var absolutePath: String {
        hasPrefix("/") ? self : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(self)
    }
}
