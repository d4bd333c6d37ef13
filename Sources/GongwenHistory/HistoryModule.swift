// GongwenHistory: the embedded SQLite store of assessments (see docs/assessment-design.md).
