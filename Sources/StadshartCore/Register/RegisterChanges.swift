/// The rules for changing a premises' state in the register: history is added to, never
/// overwritten, and a new period may not contradict the ones already there.
public enum RegisterChange {
    /// Problems with starting a vacancy on `from` (field "from").
    /// With `until`, a vacancy that already ended is recorded whole; `today` keeps both in the past,
    /// since a vacancy recorded ahead would end today's occupants on a day that has not come.
    public static func startVacancyProblems(
        vacancies: [Period], existence: Period, from: Day?, until: Day? = nil, today: Day
    ) -> [FieldProblem] {
        guard let from else {
            return [FieldProblem(field: "from", message: "vul de datum in waarop het pand leeg kwam")]
        }
        if let problem = DayRules.happened(
            from, today: today, field: "from", what: "de datum waarop het pand leeg kwam")
        {
            return [problem]
        }
        if let until {
            if until <= from {
                return [
                    FieldProblem(
                        field: "until", message: "de leegstand eindigt niet na \(from.dutch); kies een latere datum")
                ]
            }
            if let problem = DayRules.happened(until, today: today, field: "until", what: "het einde van de leegstand")
            {
                return [problem]
            }
        }
        if !existence.contains(from) {
            return [FieldProblem(field: "from", message: "het pand bestond op \(from.dutch) niet (meer)")]
        }
        if let clash = vacancies.first(where: { $0.contains(from) || ($0.from > from) }) {
            return [
                .clash(
                    field: "from",
                    message:
                        "er is al leegstand geregistreerd vanaf \(clash.from.dutch); beëindig of corrigeer die eerst")
            ]
        }
        return []
    }

    /// Problems with ending the open vacancy on `until` (field "until"); `open` is the vacancy
    /// without an end, if there is one.
    public static func endVacancyProblems(open: Period?, until: Day?, today: Day) -> [FieldProblem] {
        guard let open else { return [.clash(field: "until", message: "dit pand staat niet leeg")] }
        guard let until else {
            return [FieldProblem(field: "until", message: "vul de datum in waarop de leegstand eindigde")]
        }
        if let problem = DayRules.happened(until, today: today, field: "until", what: "het einde van de leegstand") {
            return [problem]
        }
        if until <= open.from {
            return [
                FieldProblem(field: "until", message: "de leegstand begon op \(open.from.dutch); kies een latere datum")
            ]
        }
        return []
    }
}
