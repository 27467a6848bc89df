import ArgumentParser
import NightshiftKit

@main
struct Nightshift: ParsableCommand {
    func run() throws {}
}
