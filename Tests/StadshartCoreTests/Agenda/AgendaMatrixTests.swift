import Foundation
import Testing

@testable import StadshartCore

/// The economic agenda's matrix: built whole from pillars and tasks, cells addressed "pillar-task",
/// tags checked with Dutch messages that name their field, and counts per cell, pillar and task.
@Suite("Economic agenda matrix")
struct AgendaMatrixTests {
    static let pillars: [AgendaMatrix.Pillar] = [
        .init(code: "1", name: "Spilfunctie in de regio versterken"),
        .init(code: "2", name: "Investeren in eigen kracht"),
        .init(code: "3", name: "Investeren in mkb"),
    ]
    static let tasks: [AgendaMatrix.Task] = [
        .init(code: "1", name: "Economische profilering en marketing"),
        .init(code: "2", name: "Bedrijven en banen behouden en aantrekken"),
        .init(code: "3", name: "Slim samen, uitnodigend"), .init(code: "4", name: "Wendbare beroepsbevolking"),
    ]
    static let a = UUID()
    static let b = UUID()

    static func matrix() throws -> AgendaMatrix {
        try AgendaMatrix(
            pillars: pillars, tasks: tasks,
            cells: [
                .init(pillar: "1", task: "1", text: "Merk Assen", actions: [a, b], indicators: ["top25"]),
                .init(pillar: "1", task: "2", text: "Acquisitie", actions: [a]),
                .init(pillar: "3", task: "2", text: "Mkb helpen", indicators: ["top25"]),
            ])
    }

    @Test func everyPillarMeetsEveryTask() throws {
        let matrix = try Self.matrix()
        #expect(matrix.rows.count == 3)
        #expect(matrix.rows.allSatisfy { $0.count == 4 })
        #expect(matrix.cells.map(\.key).prefix(5) == ["1-1", "1-2", "1-3", "1-4", "2-1"])
        #expect(matrix.cell("2-3")?.isEmpty == true)
        #expect(matrix.cell("1-1")?.text == "Merk Assen")
        #expect(matrix.cell("9-9") == nil)
        #expect(matrix.column("2").map(\.key) == ["1-2", "2-2", "3-2"])
    }

    @Test func countsPerCellPillarAndTask() throws {
        let matrix = try Self.matrix()
        #expect(matrix.actionCounts["1-1"] == 2)
        #expect(matrix.actionCounts["1-2"] == 1)
        #expect(matrix.actionCounts["2-2"] == 0)
        // One action in two cells of a pillar counts once for the pillar.
        #expect(matrix.actionCount(pillar: "1") == 2)
        #expect(matrix.actionCount(pillar: "2") == 0)
        #expect(matrix.actionCount(task: "2") == 1)
        #expect(matrix.cellsWithoutActions.count == 10)
        #expect(matrix.cells(indicator: "top25").map(\.key) == ["1-1", "3-2"])
    }

    @Test func contentOutsideTheMatrixIsRefused() {
        #expect(throws: InvalidInput.self) {
            _ = try AgendaMatrix(
                pillars: Self.pillars, tasks: Self.tasks, cells: [.init(pillar: "4", task: "1", text: "")])
        }
        do {
            _ = try AgendaMatrix(
                pillars: Self.pillars + [.init(code: "1", name: "")], tasks: [],
                cells: [.init(pillar: "1", task: "1", text: "a"), .init(pillar: "1", task: "1", text: "b")])
            Issue.record("a matrix with a double pillar and no tasks was built")
        } catch {
            let messages = error.problems.map(\.message)
            #expect(messages.contains("een agenda heeft minstens één opgave"))
            #expect(messages.contains("pijler '1' staat er twee keer in"))
            #expect(messages.contains("pijler '1' heeft geen naam"))
        }
    }

    @Test func aTagNamesEveryProblemByItsField() throws {
        let matrix = try Self.matrix()
        let known: Set<UUID> = [Self.a, Self.b]
        let (cell, action) = try AgendaRules.validateTag(
            cell: "2-1", AgendaTagInput(action: Self.a.uuidString), matrix: matrix, actions: known)
        #expect(cell.key == "2-1")
        #expect(action == Self.a)
        do {
            _ = try AgendaRules.validateTag(
                cell: "7-1", AgendaTagInput(action: UUID().uuidString), matrix: matrix, actions: known)
            Issue.record("an unknown cell and action were accepted")
        } catch {
            #expect(error.problems.map(\.field) == ["cell", "action"])
            #expect(error.problems[0].message == "cel '7-1' bestaat niet in deze agenda")
            #expect(error.problems[1].message.hasSuffix("is geen actie van een jaarplan van deze binnenstad"))
        }
        do {
            _ = try AgendaRules.validateTag(cell: nil, AgendaTagInput(), matrix: matrix, actions: known)
            Issue.record("an empty tag was accepted")
        } catch {
            #expect(error.problems.map(\.message) == ["kies een cel van de matrix", "kies een actie uit het jaarplan"])
        }
    }

    @Test func aTagThatIsThereAlreadyClashes() throws {
        let matrix = try Self.matrix()
        do {
            _ = try AgendaRules.validateTag(
                cell: "1-1", AgendaTagInput(action: Self.b.uuidString), matrix: matrix, actions: [Self.a, Self.b])
            Issue.record("a second tag of the same action to the same cell was accepted")
        } catch {
            #expect(error.onlyClashes)
            #expect(error.problems.first?.message == "deze actie hoort al bij cel 1-1")
        }
    }
}
