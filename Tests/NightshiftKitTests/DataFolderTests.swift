import Foundation
@testable import NightshiftKit
import ResultsStore
import Testing

/// Where journals, reports and results live, and which results store a command opens.
struct DataFolderTests {
    @Test(arguments: [
        (["XDG_DATA_HOME": "/xdg", "HOME": "/home/ana"], "/xdg/nightshift"),
        (["XDG_DATA_HOME": "", "HOME": "/home/ana"], "/home/ana/.local/share/nightshift"),
        (["HOME": "/home/ana"], "/home/ana/.local/share/nightshift"),
    ])
    func theDataFolderFollowsXDG(_ environment: [String: String], _ root: String) {
        let data = DataFolder(environment: environment)
        #expect(data.root == root)
        #expect(data.journals == root + "/journals")
        #expect(data.reports == root + "/reports")
        #expect(data.historyStore == root + "/results.sqlite")
        #expect(data.pending == root + "/pending")
    }

    static let data = DataFolder(root: "/home/ana/.local/share/nightshift")

    /// `--store`, else `$NIGHTSHIFT_STORE`, else the trainee's own history.
    @Test(arguments: [
        (nil, [:], StoreLocation.Kind.sqlite, "/home/ana/.local/share/nightshift/results.sqlite"),
        (nil, ["NIGHTSHIFT_STORE": ""], .sqlite, "/home/ana/.local/share/nightshift/results.sqlite"),
        (nil, ["NIGHTSHIFT_STORE": "/srv/team.sqlite"], .sqlite, "/srv/team.sqlite"),
        ("day.sqlite", ["NIGHTSHIFT_STORE": "/srv/team.sqlite"], .sqlite, "day.sqlite"),
        ("postgres://ana@db:5432/results", [:], .postgres, "postgres://ana@db:5432/results"),
    ] as [(String?, [String: String], StoreLocation.Kind, String)])
    func theStoreIsTheFlagThenTheEnvironmentThenTheHistory(_ flag: String?, _ environment: [String: String], _ kind: StoreLocation.Kind, _ text: String) throws {
        let location = try Self.data.storeLocation(flag: flag, environment: environment)
        #expect(location.kind == kind)
        #expect(location.text == text)
        #expect(Self.data.isHistory(location) == (text == Self.data.historyStore))
    }

    /// A store named wrongly is the command's input at fault: exit status 2, in the store's words.
    @Test(arguments: ["", "  ", "https://example.com/db", "postgres://db/results"])
    func aBadStoreIsRefusedAsBadInput(_ flag: String) {
        do throws(NightshiftError) {
            _ = try Self.data.storeLocation(flag: flag, environment: ["NIGHTSHIFT_STORE": "/srv/team.sqlite"])
            Issue.record("took `\(flag)` as a store")
        } catch {
            guard case .store(.badLocation) = error else { Issue.record("\(error)"); return }
            #expect(error.exitStatus == 2)
            #expect(error.lines.first?.hasPrefix("nightshift: `") == true, "\(error.lines)")
        }
    }
}
