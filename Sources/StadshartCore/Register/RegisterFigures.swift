/// The figures computed from the register of premises and businesses, at any date.
public enum RegisterFigures {
    /// Vacancy among the verkooppunten (see `PremisesFunction.isSalesPoint`) that exist on `date`,
    /// for the whole centre or, when given, one zone and/or one street (names compared exactly).
    public static func vacancy(
        _ premises: [PremisesFacts], at date: Day, zone: String? = nil, street: String? = nil
    ) -> VacancyFigures {
        var units = 0
        var vacantUnits = 0
        var floorArea = 0
        var vacantFloorArea = 0
        var byDuration: [VacancyDuration: Int] = [:]
        for unit in premises {
            guard unit.function(at: date)?.isSalesPoint == true else { continue }
            if let zone, unit.zone != zone { continue }
            if let street, unit.street != street { continue }
            units += 1
            floorArea += unit.floorArea
            guard let vacancy = unit.vacancy(at: date) else { continue }
            vacantUnits += 1
            vacantFloorArea += unit.floorArea
            byDuration[VacancyDuration.of(since: vacancy.from, at: date), default: 0] += 1
        }
        return VacancyFigures(
            date: date, units: units, vacantUnits: vacantUnits, floorArea: floorArea,
            vacantFloorArea: vacantFloorArea, byDuration: byDuration)
    }

    /// Vestigingen that occupy at least one of `premises` on `date` and have at least one job then, each
    /// counted once with all its jobs, however many of the premises it occupies.
    public static func employment(
        _ businesses: [BusinessFacts], in premises: Set<String>, at date: Day
    ) -> EmploymentFigures {
        var count = 0
        var jobs = 0
        for business in businesses where business.occupies(anyOf: premises, at: date) {
            let persons = business.jobs(at: date)
            guard persons >= 1 else { continue }
            count += 1
            jobs += persons
        }
        return EmploymentFigures(date: date, businesses: count, jobs: jobs)
    }
}
