@testable import GongwenRegister
import Testing

@Suite struct IDNumberTests {
    @Test func validNumbersPass() {
        for n in 0..<200 { #expect(IDNumber.problem(idNumber(n)) == nil, "\(idNumber(n))") }
        // The standard's own example.
        #expect(checked("11010519491231002") == "11010519491231002X")
        #expect(IDNumber.problem("11010519491231002X") == nil)
    }

    @Test func anXCheckCharacterIsFoundAndAccepted() {
        let withX = (0..<1000).map { checked(String(format: "52020119900101%03d", $0)) }.filter { $0.hasSuffix("X") }
        #expect(!withX.isEmpty)
        for id in withX {
            #expect(IDNumber.problem(id) == nil)
            // A lower-case x is the same number once normalised.
            #expect(IDNumber.normalize(id.lowercased()) == id)
        }
    }

    @Test func everyOtherCheckCharacterIsRefused() {
        let id = idNumber(7)
        for c in "0123456789X" where c != id.last! {
            let wrong = String(id.dropLast()) + String(c)
            #expect(IDNumber.problem(wrong)?.contains("校验位") == true)
        }
    }

    @Test func lengthDigitsAndBirthDateAreChecked() {
        #expect(IDNumber.problem(String(idNumber(1).prefix(17)))?.contains("18 位") == true)
        #expect(IDNumber.problem(idNumber(1) + "1")?.contains("18 位") == true)
        #expect(IDNumber.problem("66020319A0010100" + "12")?.contains("数字") == true)
        // 30 February and month 13, each with a correct check character: the date decides.
        #expect(IDNumber.problem(checked("66020319990230001"))?.contains("出生日期") == true)
        #expect(IDNumber.problem(checked("66020319991301001"))?.contains("出生日期") == true)
        // 29 February: only in a leap year.
        #expect(IDNumber.problem(checked("66020320000229001")) == nil)
        #expect(IDNumber.problem(checked("66020319000229001"))?.contains("出生日期") == true)
    }

    @Test func masking() {
        #expect(IDNumber.mask("520201199001011234") == "5202**********1234")
        #expect(NameMask.mask("付花") == "付*")
        #expect(NameMask.mask("于亮强") == "于**")
    }
}
