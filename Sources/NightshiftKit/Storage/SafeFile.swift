import Foundation

/// Files the program writes, made so that a planted file cannot redirect them: every new file
/// is created exclusively (`O_EXCL`), no final path component is followed when it is a
/// symbolic link (`O_NOFOLLOW`), and whole files are written to a private temporary name and
/// then renamed into place, so a reader never sees half a file and a full disk leaves no
/// empty one behind.
enum SafeFile {
    enum Failure: Error, CustomStringConvertible, Equatable {
        case exists(String)
        case notARegularFile(String)
        case notAFolder(String)
        case cannotOpen(String, String)
        case cannotWrite(String, String)

        var description: String {
            switch self {
            case .exists(let path): return "\(path) already exists; nothing was overwritten"
            case .notARegularFile(let path): return "\(path) is not a regular file (a link or a device); nightshift does not write through it"
            case .notAFolder(let path): return "\(path) is not a folder (it may be a link); nightshift does not write through it"
            case .cannotOpen(let path, let reason): return "cannot open \(path): \(reason)"
            case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
            }
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// What is at `path` without following a final symbolic link; nil when nothing is.
    static func kind(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    /// Creates a new file for writing; fails if anything, a link included, is already there.
    static func createExclusive(_ path: String, mode: mode_t = 0o600) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw Failure.exists(path) }
            throw Failure.cannotOpen(path, errnoText())
        }
        return descriptor
    }

    /// Opens an existing regular file to append to it, never through a link.
    static func openForAppend(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw Failure.notARegularFile(path) }
            throw Failure.cannotOpen(path, errnoText())
        }
        guard isRegular(descriptor) else {
            close(descriptor)
            throw Failure.notARegularFile(path)
        }
        return descriptor
    }

    /// Opens `path` to write a new file there: created exclusively, or, when `allowEmpty`, an
    /// existing empty regular file (`mktemp` made it for us) is taken as it is.
    static func openNew(_ path: String, allowEmpty: Bool, mode: mode_t = 0o600) throws -> Int32 {
        do {
            return try createExclusive(path, mode: mode)
        } catch Failure.exists(let existing) where allowEmpty {
            let descriptor = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { throw errno == ELOOP ? Failure.notARegularFile(path) : Failure.cannotOpen(path, errnoText()) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                close(descriptor)
                throw Failure.notARegularFile(path)
            }
            guard info.st_size == 0 else {
                close(descriptor)
                throw Failure.exists(existing)
            }
            return descriptor
        }
    }

    /// Creates `folder/stem.ext`, or `stem-2.ext`, `stem-3.ext`… when taken, so two sessions
    /// started in the same second never share a file. Returns the path and an open descriptor.
    static func createUnique(in folder: String, stem: String, extension ext: String, mode: mode_t = 0o600) throws -> (path: String, descriptor: Int32) {
        for attempt in 1...10_000 {
            let name = attempt == 1 ? "\(stem)\(ext)" : "\(stem)-\(attempt)\(ext)"
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                return (path, try createExclusive(path, mode: mode))
            } catch Failure.exists {
                continue
            }
        }
        throw Failure.exists((folder as NSString).appendingPathComponent("\(stem)\(ext)"))
    }

    /// Creates `folder/stem`, or `stem-2`… as a new folder of its own (never an existing one).
    static func createUniqueFolder(in parent: String, stem: String) throws -> String {
        for attempt in 1...10_000 {
            let path = (parent as NSString).appendingPathComponent(attempt == 1 ? stem : "\(stem)-\(attempt)")
            if mkdir(path, 0o700) == 0 { return path }
            if errno != EEXIST { throw Failure.cannotOpen(path, errnoText()) }
        }
        throw Failure.exists((parent as NSString).appendingPathComponent(stem))
    }

    /// Makes `path` a folder (with its parents) unless it is one; a link or a file there is refused.
    static func ensureFolder(_ path: String, mode: Int = 0o700) throws {
        switch kind(path) {
        case S_IFDIR?: return
        case nil:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
            guard kind(path) == S_IFDIR else { throw Failure.notAFolder(path) }
        default:
            throw Failure.notAFolder(path)
        }
    }

    static func isRegular(_ descriptor: Int32) -> Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Writes all of `bytes`, retrying on interruption; fsyncs when asked.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String, sync: Bool = true) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure.cannotWrite(path, errnoText())
            }
            offset += written
        }
        if sync, fsync(descriptor) != 0, errno != EINVAL { throw Failure.cannotWrite(path, errnoText()) }
    }

    /// Writes a whole file: to a new private temporary name beside it, then renamed over `path`
    /// (which replaces a link there rather than writing through it). With `replacing` false
    /// the file must not exist yet, checked atomically by `link`.
    static func write(_ text: String, to path: String, mode: mode_t = 0o644, replacing: Bool = true) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let (temporary, descriptor) = try createUnique(in: folder.isEmpty ? "." : folder,
                                                      stem: ".\(base).\(getpid()).\(UInt32.random(in: 0...UInt32.max))", extension: ".tmp", mode: 0o600)
        var placed = false
        defer { if !placed { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            try writeAll(descriptor, Array(text.utf8), path: path)
            // The umask filtered the mode asked for; set it exactly.
            fchmod(descriptor, mode)
        }
        if replacing {
            guard rename(temporary, path) == 0 else { throw Failure.cannotWrite(path, errnoText()) }
            placed = true
        } else {
            guard link(temporary, path) == 0 else {
                if errno == EEXIST { throw Failure.exists(path) }
                throw Failure.cannotWrite(path, errnoText())
            }
            placed = true
            unlink(temporary)
        }
    }

    /// Any text as one safe file-name component: lowercase letters, digits, `-`, `_` and `.`,
    /// never starting with a dot, at most 80 characters. Names built from pack data (ids,
    /// codenames) go through here, so no pack can name a file outside its folder.
    static func nameComponent(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" || scalar == "." {
                out.unicodeScalars.append(scalar)
            } else if out.last != "-" {
                out.append("-")
            }
        }
        while out.hasPrefix(".") || out.hasPrefix("-") { out.removeFirst() }
        out = String(out.prefix(80))
        return out.isEmpty ? "unnamed" : out
    }
}
