import Foundation
import PackagePlugin

/// Embeds the package's Scenarios/ and Grading/ into the target it is applied to,
/// re-running whenever one of those files changes.
@main
struct EmbedPack: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in ["Scenarios", "Grading"] {
            let base = root.appending(path: folder)
            let paths = (try? FileManager.default.subpathsOfDirectory(atPath: base.path)) ?? []
            inputs += paths.sorted().map { base.appending(path: $0) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinPackFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding the built-in pack",
                executable: try context.tool(named: "PackEmbedder").url,
                arguments: [output.path, root.path, "Scenarios", "Grading"],
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
