/// What a business changes about itself: opening hours per weekday, jobs and FTE.
public struct BusinessUpdate: Equatable, Sendable {
    public var openingHours: [String: String?]
    public var jobs: Int
    public var fte: Double?

    /// Checks the form's text the way the register's CSV does; every problem at once, by field.
    public static func validate(hours: [String: String], jobs: String?, fte: String?) throws(InvalidInput)
        -> BusinessUpdate
    {
        var problems: [FieldProblem] = []
        var opening: [String: String?] = [:]
        for day in BusinessCSV.days {
            let text = (hours[day] ?? "").trimmed
            if text.isEmpty || text.lowercased() == "gesloten" {
                opening[day] = String?.none
                continue
            }
            let parts = text.replacingOccurrences(of: "–", with: "-").split(
                separator: "-", omittingEmptySubsequences: false
            )
            .map { CSVFile.minutes(String($0).trimmed) }
            guard parts.count == 2, let start = parts[0], let end = parts[1], end > start else {
                problems.append(
                    FieldProblem(field: day, message: "'\(text)' is geen openingstijd zoals 10:00-18:00 of gesloten"))
                continue
            }
            opening[day] = "\(CSVFile.clock(start))-\(CSVFile.clock(end))"
        }
        let jobsText = (jobs ?? "").trimmed
        let jobCount = Int(jobsText)
        if jobCount == nil || !(0...10000).contains(jobCount!) {
            problems.append(FieldProblem(field: "jobs", message: "'\(jobsText)' is geen aantal banen (0 tot 10.000)"))
        }
        var fteValue: Double?
        if let text = fte?.trimmed, !text.isEmpty {
            if let value = Double(text.replacingOccurrences(of: ",", with: ".")), value >= 0, value <= 10000 {
                fteValue = value
            } else {
                problems.append(FieldProblem(field: "fte", message: "'\(text)' is geen aantal fte"))
            }
        }
        if let fteValue, let jobCount, fteValue > Double(jobCount) {
            // A job is one person working 12 hours a week or more; one person is at most one fte.
            problems.append(
                FieldProblem(
                    field: "fte",
                    message:
                        "\(DutchNumber.exact(fteValue)) fte is meer dan het aantal banen (\(jobCount)); één persoon telt hoogstens als één fte"
                ))
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return BusinessUpdate(openingHours: opening, jobs: jobCount!, fte: fteValue)
    }
}
