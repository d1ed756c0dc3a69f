/// Addresses as people read them: by street, then by house number as a number (Brink 1, 2, 10,
/// not 1, 10, 2), then by what follows the number and the addition.
public enum AddressOrder {
    public typealias Address = (street: String, number: String, addition: String?)

    public static func precedes(_ a: Address, _ b: Address) -> Bool {
        if a.street != b.street { return a.street < b.street }
        let (numberA, numberB) = (leadingNumber(a.number), leadingNumber(b.number))
        if numberA != numberB { return numberA < numberB }
        if a.number != b.number { return a.number < b.number }
        return (a.addition ?? "") < (b.addition ?? "")
    }

    /// The digits a house number starts with; a number without digits sorts last.
    static func leadingNumber(_ text: String) -> Int {
        Int(text.prefix { $0.isASCII && $0.isNumber }.prefix(9)) ?? Int.max
    }
}
