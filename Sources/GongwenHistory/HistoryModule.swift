// GongwenHistory: the embedded SQLite store of assessments (see docs/assessment-design.md).
//
//   SQLiteHistory.swift  – the store: opening (WAL, foreign keys, busy timeout, migrations), the
//                          AssessmentHistory protocol, leader lookups, verify()
//   HistorySchema.swift  – the named migrations (history-1 tables, history-2 row counts)
//   HistoryRows.swift    – the SQL of one period's rows, written and read back
//   ColumnJSON.swift     – the JSON columns written by hand (speed), JSONEncoder's bytes
//   HistoryJSON.swift    – the sorted-keys encoder of exports, and the decoder
//   HistoryExport.swift  – export / import as JSON Lines (temp file + rename; one transaction)
//   PastResults.swift    – past periods from a spreadsheet (importSpreadsheet)
//
// All SQL lives in this module; GongwenAssess knows only the AssessmentHistory protocol, so a
// PostgreSQL store can be a second module implementing it with the same tables.
