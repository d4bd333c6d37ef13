import Testing
import GongwenFormat
@testable import Gongwen

@Suite struct RelativeDateTests {
    @Test func deadlinesFollowTheDecisionDate() throws {
        let date = try CivilDate(parsing: "2025-01-31")
        #expect(RelativeDate.resolve("决定后1个月", from: date) == "2025-02-28")
        #expect(RelativeDate.resolve("决定后12个月", from: date) == "2026-01-31")
        #expect(RelativeDate.resolve("决定后30日", from: date) == "2025-03-02")
        #expect(RelativeDate.resolve(" 决定后1天", from: date) == "2025-02-01")
        #expect(RelativeDate.resolve("2025-06-30", from: date) == nil)
        #expect(RelativeDate.resolve("决定后一个月", from: date) == nil)
        #expect(RelativeDate.resolve("决定后1周", from: date) == nil)
    }
}
