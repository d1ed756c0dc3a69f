import Foundation

/// An economic agenda's programme as a matrix: strategic pillars (rows) by tasks, the "opgaven"
/// (columns). Every pair of a pillar and a task is a cell with its own short text; actions of the
/// annual plan and indicators of the monitor are tagged to cells. Seed 004 (Economische Agenda
/// Assen 2020–2025) has three pillars by four tasks, but nothing here depends on that size.
public struct AgendaMatrix: Sendable, Equatable {
    public struct Pillar: Sendable, Equatable, Codable {
        public var code: String
        public var name: String
        /// What the pillar aims for, in a few sentences.
        public var ambition: String

        public init(code: String, name: String, ambition: String = "") {
            self.code = code
            self.name = name
            self.ambition = ambition
        }
    }

    public struct Task: Sendable, Equatable, Codable {
        public var code: String
        public var name: String

        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    /// What is stored for one cell: its place and its text, with what is tagged to it.
    public struct CellContent: Sendable, Equatable {
        public var pillar: String
        public var task: String
        public var text: String
        public var actions: [UUID]
        public var indicators: [String]

        public init(pillar: String, task: String, text: String, actions: [UUID] = [], indicators: [String] = []) {
            self.pillar = pillar
            self.task = task
            self.text = text
            self.actions = actions
            self.indicators = indicators
        }
    }

    public struct Cell: Sendable, Equatable {
        /// "pillar-task", e.g. "1-2": the cell's address in pages and the API.
        public var key: String
        public var pillar: Pillar
        public var task: Task
        public var text: String
        public var actions: [UUID]
        public var indicators: [String]

        /// The matrix has a cell here, but nothing was written for it.
        public var isEmpty: Bool { text.isEmpty && actions.isEmpty && indicators.isEmpty }
    }

    public var pillars: [Pillar]
    public var tasks: [Task]
    /// One row per pillar, in the pillars' order; in each row one cell per task, in the tasks' order.
    public var rows: [[Cell]]

    /// Builds the full matrix: every pillar with every task, a cell without stored content empty.
    /// Content for a pillar or task the agenda does not have, or twice for one cell, is refused.
    public init(pillars: [Pillar], tasks: [Task], cells: [CellContent]) throws(InvalidInput) {
        var problems = Self.problems(pillars: pillars, tasks: tasks)
        var content: [String: CellContent] = [:]
        let pillarCodes = Set(pillars.map(\.code))
        let taskCodes = Set(tasks.map(\.code))
        for (index, cell) in cells.enumerated() {
            let key = Self.key(pillar: cell.pillar, task: cell.task)
            if !pillarCodes.contains(cell.pillar) {
                problems.append(
                    FieldProblem(field: "cells", message: "cel \(index + 1): pijler '\(cell.pillar)' bestaat niet"))
            } else if !taskCodes.contains(cell.task) {
                problems.append(
                    FieldProblem(field: "cells", message: "cel \(index + 1): opgave '\(cell.task)' bestaat niet"))
            } else if content[key] != nil {
                problems.append(FieldProblem(field: "cells", message: "cel \(key) staat er twee keer in"))
            } else {
                content[key] = cell
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        self.pillars = pillars
        self.tasks = tasks
        rows = pillars.map { pillar in
            tasks.map { task in
                let key = Self.key(pillar: pillar.code, task: task.code)
                let stored = content[key]
                return Cell(
                    key: key, pillar: pillar, task: task, text: stored?.text ?? "", actions: stored?.actions ?? [],
                    indicators: stored?.indicators ?? [])
            }
        }
    }

    /// Pillars and tasks each need a code and a name, and a code only once.
    public static func problems(pillars: [Pillar], tasks: [Task]) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if pillars.isEmpty {
            problems.append(FieldProblem(field: "pillars", message: "een agenda heeft minstens één pijler"))
        }
        if tasks.isEmpty {
            problems.append(FieldProblem(field: "tasks", message: "een agenda heeft minstens één opgave"))
        }
        func check(_ codes: [String], _ names: [String], field: String, what: String) {
            var seen: Set<String> = []
            for (code, name) in zip(codes, names) {
                let code = code.trimmingCharacters(in: .whitespaces)
                if code.isEmpty || code.contains("-") || code.contains("/") {
                    problems.append(FieldProblem(field: field, message: "\(what) '\(code)': een code zonder - of /"))
                } else if !seen.insert(code).inserted {
                    problems.append(FieldProblem(field: field, message: "\(what) '\(code)' staat er twee keer in"))
                }
                if name.trimmingCharacters(in: .whitespaces).isEmpty {
                    problems.append(FieldProblem(field: field, message: "\(what) '\(code)' heeft geen naam"))
                }
            }
        }
        check(pillars.map(\.code), pillars.map(\.name), field: "pillars", what: "pijler")
        check(tasks.map(\.code), tasks.map(\.name), field: "tasks", what: "opgave")
        return problems
    }

    public static func key(pillar: String, task: String) -> String { "\(pillar)-\(task)" }

    public var cells: [Cell] { rows.flatMap { $0 } }

    public func cell(_ key: String) -> Cell? { cells.first { $0.key == key } }

    /// The cells of one task, down the pillars (a column of the matrix).
    public func column(_ task: String) -> [Cell] { rows.compactMap { row in row.first { $0.task.code == task } } }

    /// How many actions are tagged to each cell, by key.
    public var actionCounts: [String: Int] {
        Dictionary(uniqueKeysWithValues: cells.map { ($0.key, $0.actions.count) })
    }

    /// Per pillar, the number of distinct actions tagged to any of its cells.
    public func actionCount(pillar code: String) -> Int {
        Set(rows.first { $0.first?.pillar.code == code }?.flatMap(\.actions) ?? []).count
    }

    /// Per task, the number of distinct actions tagged to any of its cells.
    public func actionCount(task code: String) -> Int { Set(column(code).flatMap(\.actions)).count }

    /// The cells that have no action yet: where the programme has no work in the plan.
    public var cellsWithoutActions: [Cell] { cells.filter { $0.actions.isEmpty } }

    /// The cells an indicator is linked to.
    public func cells(indicator key: String) -> [Cell] { cells.filter { $0.indicators.contains(key) } }
}

/// Tagging an action of the annual plan to a cell of the matrix: "action" the action's id.
public struct AgendaTagInput: Codable, Sendable, Equatable {
    public var action: String?

    public init(action: String? = nil) { self.action = action }
}

public enum AgendaRules {
    /// Checks a tag before anything is written: the cell must be one of the matrix, the action one
    /// of the centre's plans and not yet tagged to that cell. Every problem names its field, in Dutch.
    public static func validateTag(
        cell key: String?, _ input: AgendaTagInput, matrix: AgendaMatrix, actions known: Set<UUID>
    ) throws(InvalidInput) -> (cell: AgendaMatrix.Cell, action: UUID) {
        var problems: [FieldProblem] = []
        let cellText = (key ?? "").trimmingCharacters(in: .whitespaces)
        let cell = matrix.cell(cellText)
        if cellText.isEmpty {
            problems.append(FieldProblem(field: "cell", message: "kies een cel van de matrix"))
        } else if cell == nil {
            problems.append(FieldProblem(field: "cell", message: "cel '\(cellText)' bestaat niet in deze agenda"))
        }
        let actionText = (input.action ?? "").trimmingCharacters(in: .whitespaces)
        let action = UUID(uuidString: actionText)
        if actionText.isEmpty {
            problems.append(FieldProblem(field: "action", message: "kies een actie uit het jaarplan"))
        } else if action == nil || !known.contains(action!) {
            problems.append(
                FieldProblem(
                    field: "action", message: "'\(actionText)' is geen actie van een jaarplan van deze binnenstad"))
        }
        if let cell, let action, known.contains(action), cell.actions.contains(action) {
            problems.append(.clash(field: "action", message: "deze actie hoort al bij cel \(cell.key)"))
        }
        guard problems.isEmpty, let cell, let action else { throw InvalidInput(problems) }
        return (cell, action)
    }
}

/// A cell's new text: what the matrix says the municipality does there, in a few sentences.
public struct AgendaCellTextInput: Codable, Sendable, Equatable {
    public var text: String?

    public init(text: String? = nil) { self.text = text }

    public static let maxText = 2000

    /// The trimmed text; empty is allowed (the page then says the cell has none).
    public func validated() throws(InvalidInput) -> String {
        let text = (text ?? "").trimmed
        if text.count > Self.maxText {
            throw InvalidInput([
                FieldProblem(field: "text", message: "de tekst is langer dan \(Self.maxText) tekens")
            ])
        }
        return text
    }
}
