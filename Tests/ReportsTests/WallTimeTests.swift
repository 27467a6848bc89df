@testable import Reports
import Testing

struct WallTimeTests {
    @Test func readsISOTimesExactly() {
        #expect(WallTime.milliseconds("1970-01-01T00:00:00Z") == 0)
        #expect(WallTime.milliseconds("2000-01-01T00:00:00Z") == 946_684_800_000)
        #expect(WallTime.milliseconds("2000-01-01T02:00:00+02:00") == 946_684_800_000)
        #expect(WallTime.milliseconds("2000-01-01T00:00:00.250Z") == 946_684_800_250)
        #expect(WallTime.seconds(from: "2024-02-28T23:00:00Z", to: "2024-03-01T01:00:00Z") == 93_600, "2024 is a leap year: 26 hours")
        #expect(WallTime.milliseconds("yesterday") == nil)
        #expect(WallTime.milliseconds("2000-01-01T00:00:00") == nil, "a time without a zone is ambiguous")
    }

    @Test func writesISODurations() {
        #expect(WallTime.isoDuration(milliseconds: 1_390_000) == "PT23M10S")
        #expect(WallTime.isoDuration(milliseconds: 3_720_000) == "PT1H2M")
        #expect(WallTime.isoDuration(milliseconds: 0) == "PT0S")
        #expect(WallTime.isoDuration(milliseconds: 1_500) == "PT1.500S")
    }
}
