import Testing
@testable import GongwenAssess

@Suite struct PeriodTests {
    @Test func parsesEveryWrittenForm() {
        #expect(Period(parsing: "2025-06") == Period(year: 2025, kind: .month, index: 6))
        #expect(Period(parsing: "2025年6月") == Period(year: 2025, kind: .month, index: 6))
        #expect(Period(parsing: "2025-Q2") == Period(year: 2025, kind: .quarter, index: 2))
        #expect(Period(parsing: "2025年第二季度") == Period(year: 2025, kind: .quarter, index: 2))
        #expect(Period(parsing: "2025-H1") == Period(year: 2025, kind: .half, index: 1))
        #expect(Period(parsing: "2025年下半年") == Period(year: 2025, kind: .half, index: 2))
        #expect(Period(parsing: "2025") == Period(year: 2025, kind: .year))
        #expect(Period(parsing: "2025年") == Period(year: 2025, kind: .year))
        #expect(Period(parsing: "2025-13") == nil)
        #expect(Period(parsing: "六月") == nil)
    }

    @Test func stepsBackAcrossYears() {
        #expect(Period(parsing: "2025-01")!.previous == Period(parsing: "2024-12"))
        #expect(Period(parsing: "2025-Q1")!.back(2) == Period(parsing: "2024-Q3"))
        #expect(Period(parsing: "2025")!.back(2) == Period(parsing: "2023"))
        #expect(Period(parsing: "2024-02")!.lastDay.iso == "2024-02-29")
        #expect(Period(parsing: "2025-H2")!.firstDay.iso == "2025-07-01")
    }

    @Test func historyOrderRefusesGapsAndSilentReplacement() throws {
        let stored = [Period(parsing: "2025-04")!, Period(parsing: "2025-05")!]
        #expect(throws: HistoryError.self) { try HistoryOrder.check(Period(parsing: "2025-07")!, stored: stored, replacing: false) }
        #expect(throws: HistoryError.self) { try HistoryOrder.check(Period(parsing: "2025-03")!, stored: stored, replacing: false) }
        #expect(throws: HistoryError.self) { try HistoryOrder.check(Period(parsing: "2025-05")!, stored: stored, replacing: false) }
        #expect(throws: HistoryError.self) { try HistoryOrder.check(Period(parsing: "2025-04")!, stored: stored, replacing: true) }
        try HistoryOrder.check(Period(parsing: "2025-05")!, stored: stored, replacing: true)
        try HistoryOrder.check(Period(parsing: "2025-06")!, stored: stored, replacing: false)
    }
}
