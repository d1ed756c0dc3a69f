import Vapor

/// An HTML form post (application/x-www-form-urlencoded), keeping repeated names such as
/// checkboxes, which a plain dictionary decode would lose.
struct FormBody {
    private(set) var pairs: [(String, String)] = []

    init(_ request: Request) {
        guard let buffer = request.body.data else { return }
        let text = String(buffer: buffer)
        for part in text.split(separator: "&") {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            pairs.append((decode(kv[0]), kv.count > 1 ? decode(kv[1]) : ""))
        }
    }

    subscript(name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    func names(withPrefix prefix: String) -> [String] {
        var seen: [String] = []
        for (name, _) in pairs where name.hasPrefix(prefix) && !seen.contains(name) { seen.append(name) }
        return seen
    }
}
