import Console
import Simulation

/// Turns screens into terminal text: ANSI styles on a colour terminal, plain text otherwise.
public struct ScreenPrinter: Sendable {
    public var colour: Bool

    public init(colour: Bool) { self.colour = colour }

    static func styles(_ style: Style) -> [ANSIStyle] {
        switch style {
        case .plain: return []
        case .bold: return [.bold]
        case .dim: return [.dim]
        case .heading: return [.bold, .cyan]
        case .accent: return [.cyan]
        case .good: return [.green]
        case .bad: return [.red]
        case .warning: return [.yellow]
        case .page: return [.bold, .inverse, .red]
        case .id: return [.magenta]
        case .spark: return [.blue]
        case .chrome: return [.gray]
        }
    }

    /// The line for this terminal: `ANSI.render` makes every segment's text visible
    /// (`VisibleText`) before it adds the styles, so our colours work and nobody else's do.
    public func render(_ line: Line) -> StyledText {
        StyledText(ANSI.render(line.segments.map { (text: $0.text, styles: Self.styles($0.style)) }, colour: colour))
    }

    public func render(_ lines: [Line]) -> [StyledText] { lines.map(render) }

    public func render(_ screen: Screen) -> [StyledText] { render(screen.allLines) }
}
