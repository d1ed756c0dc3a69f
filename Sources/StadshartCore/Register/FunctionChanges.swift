/// Changes of function (verkleuring) in a period: the units whose function on `to` differs from
/// their function on `from`, among the premises that existed on both days.
public struct FunctionChangeFigures: Equatable, Codable, Sendable {
    public var from: Day
    public var to: Day
    public var units: Int
    public var floorArea: Int
    /// Of those, the ones that stopped being a verkooppunt (e.g. a shop became a home).
    public var leftSalesPoints: Int

    public static func between(_ premises: [PremisesFacts], from: Day, to: Day) -> FunctionChangeFigures {
        var figures = FunctionChangeFigures(from: from, to: to, units: 0, floorArea: 0, leftSalesPoints: 0)
        for unit in premises where unit.exists(at: from) && unit.exists(at: to) {
            guard let before = unit.function(at: from), let after = unit.function(at: to), before != after else {
                continue
            }
            figures.units += 1
            figures.floorArea += unit.floorArea
            if before.isSalesPoint && !after.isSalesPoint { figures.leftSalesPoints += 1 }
        }
        return figures
    }
}

/// Temporary use (tijdelijk gebruik) fills a vacant unit for a while; it belongs inside a vacancy.
public enum TemporaryUseRule {
    public static func problems(vacancies: [Period], from: Day?, until: Day?, user: String) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if user.trimmed.isEmpty {
            problems.append(FieldProblem(field: "user", message: "vul in wie het pand tijdelijk gebruikt"))
        }
        problems += TextRules.problems([("user", user, TextLimit.name)])
        guard let from else {
            problems.append(FieldProblem(field: "from", message: "vul de begindatum in"))
            return problems
        }
        if let until, until <= from {
            problems.append(FieldProblem(field: "until", message: "de einddatum ligt niet na de begindatum"))
        }
        let inside = vacancies.contains { vacancy in
            vacancy.contains(from)
                && (until.map { end in vacancy.until.map { end <= $0 } ?? true } ?? (vacancy.until == nil))
        }
        if !inside {
            problems.append(
                FieldProblem(
                    field: "from", message: "tijdelijk gebruik hoort binnen een periode van leegstand van dit pand"))
        }
        return problems
    }
}
