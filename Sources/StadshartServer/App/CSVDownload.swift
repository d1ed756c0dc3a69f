import Foundation
import Vapor

/// Every CSV export answers the same way: UTF-8 text/csv as a named download. A long export
/// is sent in parts, so the client starts receiving while the rest is written out.
enum CSVDownload {
    /// Above this size the body is streamed in parts of this size.
    static let part = 64 * 1024

    static func response(_ text: String, filename: String) -> Response {
        let bytes = Array(text.utf8)
        let body: Response.Body
        if bytes.count <= part {
            body = .init(string: text)
        } else {
            body = .init(
                asyncStream: { writer in
                    var start = 0
                    while start < bytes.count {
                        let end = min(start + part, bytes.count)
                        try await writer.writeBuffer(ByteBuffer(bytes: bytes[start..<end]))
                        start = end
                    }
                    try await writer.write(.end)
                }, count: bytes.count)
        }
        let response = Response(status: .ok, body: body)
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: filename)
        return response
    }
}
