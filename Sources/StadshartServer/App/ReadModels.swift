import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Values computed from a centre's data, kept per centre for as long as its data version holds
/// (every audited write raises it; see `Audit.record`). Every request reads the version with its
/// centre, so a value made stale by a write on any app server is made anew at the next request.
///
/// At national scale the values of a hundred centres must not grow without bound: the least
/// recently used ones go once `capacity` is reached. A value that many requests ask for at once
/// after a write is made once; the others wait for it.
final class ReadModels: @unchecked Sendable {
    private struct Kept {
        var version: Int64
        var value: any Sendable
        var used: UInt64
    }

    private enum Found {
        case kept(any Sendable)
        case making(Task<any Sendable, any Error>)
    }

    private let lock = NIOLock()
    private var values: [String: Kept] = [:]
    private var making: [String: (version: Int64, task: Task<any Sendable, any Error>)] = [:]
    private var clock: UInt64 = 0
    let capacity: Int

    init(capacity: Int = 512) { self.capacity = capacity }

    /// The value for `centre` at its current data version, made by `make` when missing or stale.
    func value<Value: Sendable>(
        _ kind: String, of centre: Centre, make: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let key = "\(kind)|\(centre.id?.uuidString ?? centre.slug)"
        let version = centre.dataVersion
        let found: Found = lock.withLock {
            clock += 1
            if var kept = values[key], kept.version == version {
                kept.used = clock
                values[key] = kept
                return .kept(kept.value)
            }
            if let running = making[key], running.version == version { return .making(running.task) }
            let task = Task<any Sendable, any Error> { try await make() }
            making[key] = (version, task)
            return .making(task)
        }
        if case .kept(let kept) = found, let value = kept as? Value { return value }
        guard case .making(let task) = found else { return try await make() }
        defer {
            lock.withLock {
                if making[key]?.task == task { making[key] = nil }
            }
        }
        let made = try await task.value
        guard let value = made as? Value else {
            // Two kinds share a name only by mistake; make it plainly rather than fail a page.
            return try await make()
        }
        lock.withLock {
            // A request that read an older version must not replace a newer value.
            if (values[key]?.version ?? .min) <= version {
                values[key] = Kept(version: version, value: value, used: clock)
                evict()
            }
        }
        return value
    }

    /// Drops the least recently used values beyond `capacity`; called with the lock held.
    private func evict() {
        guard values.count > capacity else { return }
        let oldest = values.sorted { $0.value.used < $1.value.used }.prefix(values.count - capacity)
        for (key, _) in oldest { values[key] = nil }
    }
}

extension Application {
    private struct ReadModelsKey: StorageKey {
        typealias Value = ReadModels
    }

    var readModels: ReadModels {
        if let models = storage[ReadModelsKey.self] { return models }
        let models = ReadModels()
        storage[ReadModelsKey.self] = models
        return models
    }
}
