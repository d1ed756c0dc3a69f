import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Values computed from a centre's data, kept per centre for as long as its data version holds
/// (every audited write raises it; see `Audit.record`). Every request reads the version with its
/// centre, so a value made stale by a write on any app server is made anew at the next request.
final class ReadModels: @unchecked Sendable {
    private let lock = NIOLock()
    /// Per kind of value and centre: the version it was made at, and the value.
    private var values: [String: (version: Int64, value: any Sendable)] = [:]

    /// The value for `centre` at its current data version, made by `make` when missing or stale.
    func value<Value: Sendable>(
        _ kind: String, of centre: Centre, make: () async throws -> Value
    ) async throws -> Value {
        let key = "\(kind)|\(centre.id?.uuidString ?? centre.slug)"
        let version = centre.dataVersion
        if let kept = lock.withLock({ values[key] }), kept.version == version, let value = kept.value as? Value {
            return value
        }
        let value = try await make()
        lock.withLock {
            // A request that read an older version must not replace a newer value.
            if (values[key]?.version ?? .min) <= version { values[key] = (version, value) }
        }
        return value
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
