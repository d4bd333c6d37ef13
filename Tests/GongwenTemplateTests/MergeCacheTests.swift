import GongwenModel
import Testing
@testable import GongwenTemplate

/// The per-worker cache of blocks that read only shared fields: it must never change a document.
@Suite("Merge cache")
struct MergeCacheTests {
    static let template = """
        <正文>
          <段>固定的文字</段>
          <条款 编号="1."><each in="承诺" as="条"><条>{{ 条 }}</条></each></条款>
          <段>{{ 户主 }}</段>
          <段>{{ 截止 }}</段>
          <each in="承诺" as="条"><段>{{ 条 }}{{ 户主 }}</段></each>
          <层次 级="1">{{ 标题 }}</层次>
        </正文>
        """

    @Test("documents merged with the cache equal those merged without, record after record")
    func sameDocuments() throws {
        let t = try compile(Self.template)
        let shared = Record([("承诺", list([text("甲"), text("乙")])), ("截止", text("2025年")), ("标题", text("共用标题"))])
        let cache = MergeCache()
        for name in ["张三", "李四", "王五"] {
            let record = Record([("户主", text(name))])
            let plain = try t.merge(record, shared: shared).document
            let cached = try t.merge(record, shared: shared, cache: cache).document
            #expect(cached == plain)
        }
    }

    @Test("a record field of the same name as a shared one is read, not the cached shared text")
    func recordShadowsShared() throws {
        let t = try compile(Self.template)
        let shared = Record([("承诺", list([text("甲")])), ("截止", text("2025年")), ("标题", text("共用标题"))])
        let cache = MergeCache()
        _ = try t.merge(Record([("户主", text("张三"))]), shared: shared, cache: cache)
        // This record has its own 截止 and 标题: the blocks reading them must not come from the cache.
        let own = try t.merge(Record([("户主", text("李四")), ("截止", text("2026年")), ("标题", text("自己的标题"))]),
                              shared: shared, cache: cache).document
        #expect(own.body.contains(.paragraph([.text("2026年")])))
        #expect(own.body.contains(.heading(level: 1, number: "一、", content: [.text("自己的标题")])))
        // A copy's 联 bound around the template works the same way.
        let copy = try t.merge(Record([("户主", text("王五"))]), shared: shared, bindings: [("截止", text("第一联"))], cache: cache).document
        #expect(copy.body.contains(.paragraph([.text("第一联")])))
    }

    @Test("the copies of a record share the blocks that do not read the copy's names, and only that record's copies do")
    func copiesShareRecordBlocks() throws {
        let t = try compile("""
            <文书 文种="承诺书" 联次="村委会留存、农户留存"><正文>
              <居中>（{{ 联 }}）</居中>
              <段>编号：{{ 编号 }}</段>
              <段>{{ 户主 }}，第{{ 份次 }}份</段>
              <各方><方 称谓="乙方">户主{{ 户主 }}</方></各方>
              <each in="承诺" as="条"><段>{{ 户主 }}：{{ 条 }}</段></each>
              <段>{{ 截止 }}</段>
            </正文></文书>
            """)
        let shared = Record([("承诺", list([text("甲"), text("乙")])), ("截止", text("2025年"))])
        let cache = MergeCache()
        for (i, name) in ["张三", "李四", "张三"].enumerated() {
            let record = Record([("户主", text(name)), ("编号", text("00\(i)"))])
            for plan in [CopyPlan(), CopyPlan(count: 3, numbers: 1...4)] {
                let plain = try t.mergeCopies(record, shared: shared, plan: plan).documents
                let cached = try t.mergeCopies(record, shared: shared, plan: plan, cache: cache).documents
                #expect(cached == plain)
            }
        }
        #expect(cache.reusedInRecord > 0)
        // Outside mergeCopies nothing is kept per record: a direct merge never sees another record's blocks.
        let copy: [(String, Value)] = [("联", text("存根")), ("份次", number("1"))]
        let a = try t.merge(Record([("户主", text("甲")), ("编号", text("1"))]), shared: shared, bindings: copy, cache: cache).document
        let b = try t.merge(Record([("户主", text("乙")), ("编号", text("2"))]), shared: shared, bindings: copy, cache: cache).document
        #expect(a != b && b.body.contains(.paragraph([.text("编号：2")])))
    }

    @Test("a block whose merge reported a problem is merged again for the next record")
    func problemsAreNotCached() throws {
        let t = try compile("<正文><段>{{ 金额 | 大写金额 }}</段></正文>")
        let cache = MergeCache()
        #expect(throws: DiagnosticError.self) { _ = try t.merge(Record(), shared: Record([("金额", text("十"))]), cache: cache) }
        #expect(throws: DiagnosticError.self) { _ = try t.merge(Record(), shared: Record([("金额", text("十"))]), cache: cache) }
    }
}
