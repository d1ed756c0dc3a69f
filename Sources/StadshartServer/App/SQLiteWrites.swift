import FluentKit
import FluentSQLiteDriver
import NIOCore
import SQLKit

/// SQLite allows one writer at a time. Fluent begins its transactions DEFERRED, so two requests
/// that read and then write fail with "database is locked" instead of waiting. This wrapper around
/// Fluent's SQLite driver makes every transaction wait its turn in one queue per process, then
/// begin IMMEDIATE (taking the write lock at once) with a busy timeout for writers in other
/// processes (a command run while the server serves). The file runs in WAL mode, so readers never
/// wait for the writer.
struct SerialWritesSQLiteConfiguration: DatabaseConfiguration {
    var base: any DatabaseConfiguration
    let queue = WriterQueue()

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        SerialWritesSQLiteDriver(base: base.makeDriver(for: databases), queue: queue)
    }

    /// How long a writer waits for another process's write lock before the request is answered
    /// with 503 and Retry-After.
    static let busyTimeoutMilliseconds = 5000

    /// Run once per connection: WAL is stored in the file, the busy timeout is per connection.
    static let connectionPragmas = [
        "PRAGMA journal_mode = WAL", "PRAGMA busy_timeout = \(busyTimeoutMilliseconds)",
    ]
}

extension DatabaseConfigurationFactory {
    static func serialWritesSQLite(_ configuration: SQLiteConfiguration) -> Self {
        let base = DatabaseConfigurationFactory.sqlite(configuration).make()
        return .init { SerialWritesSQLiteConfiguration(base: base) }
    }
}

struct SerialWritesSQLiteDriver: DatabaseDriver {
    let base: any DatabaseDriver
    let queue: WriterQueue

    func makeDatabase(with context: DatabaseContext) -> any Database {
        SerialWritesSQLiteDatabase(base: base.makeDatabase(with: context), queue: queue, inTransaction: false)
    }

    func shutdown() { base.shutdown() }
    func shutdownAsync() async { await base.shutdownAsync() }
}

/// One writer at a time in this process, first come first served. Waiting holds no connection.
actor WriterQueue {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Set while a task holds the queue, so a nested write on another handle fails fast in SQLite
    /// (busy timeout) instead of waiting for itself forever.
    @TaskLocal static var held = false
}

struct SerialWritesSQLiteDatabase: Database, SQLDatabase {
    let base: any Database
    let queue: WriterQueue
    let inTransaction: Bool

    var context: DatabaseContext { base.context }
    private var sql: any SQLDatabase { base as! any SQLDatabase }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void)
        -> EventLoopFuture<Void>
    {
        // A write outside a transaction joins the queue too: SQLite waits for its lock on one of the
        // few threads that run its calls, and writers waiting there could starve the writer that
        // holds the lock of a thread to commit on.
        let writes: Bool
        switch query.action {
        case .create, .update, .delete: writes = true
        default: writes = false
        }
        guard writes, !inTransaction else { return base.execute(query: query, onOutput: onOutput) }
        return transaction { $0.execute(query: query, onOutput: onOutput) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { base.execute(schema: schema) }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection { connection in
            closure(SerialWritesSQLiteDatabase(base: connection, queue: queue, inTransaction: inTransaction))
        }
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        if inTransaction { return closure(self) }
        let promise = base.eventLoop.makePromise(of: T.self)
        let box = UncheckedBox(promise)
        Task {
            let queue = self.queue
            let nested = WriterQueue.held
            if !nested { await queue.enter() }
            do {
                let result = try await WriterQueue.$held.withValue(true) {
                    try await base.withConnection { connection in
                        connection.eventLoop.makeFutureWithTask {
                            try await Self.immediateTransaction(on: connection, queue: queue, closure)
                        }
                    }.get()
                }
                if !nested { await queue.leave() }
                box.value.succeed(result.value)
            } catch {
                if !nested { await queue.leave() }
                box.value.fail(error)
            }
        }
        return promise.futureResult
    }

    private static func immediateTransaction<T>(
        on connection: any Database, queue: WriterQueue,
        _ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>
    ) async throws -> UncheckedBox<T> {
        let sql = connection as! any SQLDatabase
        try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeout))").run()
        try await sql.raw("BEGIN IMMEDIATE").run()
        do {
            let tx = SerialWritesSQLiteDatabase(base: connection, queue: queue, inTransaction: true)
            let result = try await closure(tx).get()
            try await sql.raw("COMMIT").run()
            return UncheckedBox(result)
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }

    private static var busyTimeout: Int { SerialWritesSQLiteConfiguration.busyTimeoutMilliseconds }

    // SQLDatabase, for the read models' plain SQL.
    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        sql.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await sql.execute(sql: query, onRow)
    }
}

/// Carries a value across a task boundary that Fluent's generic signatures do not mark Sendable;
/// the value is handed over once and not shared.
struct UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
