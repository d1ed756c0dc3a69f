import NIOConcurrencyHelpers
import StadshartCore
import Vapor

/// Public answers (the available premises, the vacancy figures, the progress page and the KPIs)
/// are read often and change rarely. They are kept per centre, data version, day and address:
/// every write of the centre raises its version (`Audit.record`), and every request reads the
/// version with the centre, so a write on any app server makes the others' copies stale at once.
final class PublicCache: @unchecked Sendable {
    struct Entry {
        var status: HTTPResponseStatus
        var contentType: HTTPMediaType?
        var body: ByteBuffer
    }

    /// Enough for every public page of a hundred centres a few times over; the oldest go first.
    let capacity: Int
    private let lock = NIOLock()
    private var entries: [String: Entry] = [:]
    private var order: [String] = []

    init(capacity: Int = 2_000) { self.capacity = capacity }

    func entry(_ key: String) -> Entry? { lock.withLock { entries[key] } }

    func store(_ entry: Entry, for key: String) {
        lock.withLock {
            if entries.updateValue(entry, forKey: key) == nil { order.append(key) }
            while order.count > capacity { entries[order.removeFirst()] = nil }
        }
    }

    var count: Int { lock.withLock { entries.count } }
}

extension Application {
    private struct PublicCacheKey: StorageKey {
        typealias Value = PublicCache
    }

    var publicCache: PublicCache {
        if let cache = storage[PublicCacheKey.self] { return cache }
        let cache = PublicCache()
        storage[PublicCacheKey.self] = cache
        return cache
    }
}

extension Request {
    /// A public answer of the route's centre, from the cache while the centre's data is
    /// unchanged, with an `ETag` (a client that has it gets 304). Pages are the same for
    /// everyone only when nobody is signed in (the header shows the person), so signed-in
    /// page requests are made afresh; API answers are the same for everyone.
    func publicAnswer(_ make: () async throws -> some AsyncResponseEncodable) async throws -> Response {
        // A half-finished sign-in puts its form token in the page: that page is not for others either.
        // So does a page that says "Opgeslagen" to the one who just saved.
        let shared = url.path.hasPrefix("/api/") || (principal == nil && pendingSession == nil && notice == nil)
        let centre = try centre
        guard shared, let id = centre.id else { return try await make().encodeResponse(for: self) }
        let version = "\(centre.dataVersion)-\(today)"
        let tag = "\"\(version)\""
        if headers[.ifNoneMatch].contains(where: { $0.split(separator: ",").contains { String($0).trimmed == tag } }) {
            return Self.headed(Response(status: .notModified), tag: tag)
        }
        let key = "\(id)|\(version)|\(url.string)"
        let cache = application.publicCache
        if let entry = cache.entry(key) {
            let response = Response(status: entry.status, body: .init(buffer: entry.body))
            response.headers.contentType = entry.contentType
            return Self.headed(response, tag: tag)
        }
        let response = try await make().encodeResponse(for: self)
        guard response.status == .ok, let body = response.body.buffer else { return response }
        cache.store(.init(status: response.status, contentType: response.headers.contentType, body: body), for: key)
        return Self.headed(response, tag: tag)
    }

    private static func headed(_ response: Response, tag: String) -> Response {
        response.headers.replaceOrAdd(name: .eTag, value: tag)
        // Any cache may keep it, but must ask again each time (a cheap 304 while nothing changed).
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, no-cache")
        response.headers.replaceOrAdd(name: .vary, value: "Cookie, Authorization")
        return response
    }
}
