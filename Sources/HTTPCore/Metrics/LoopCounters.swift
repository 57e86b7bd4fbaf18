import CSystem

/// The request counters and duration histograms of one event loop. Only that loop's
/// thread writes them (with `csys_counter_add`, a relaxed load and store); a scrape on
/// any thread reads them with relaxed loads and sums the loops. So recording takes no
/// lock and shares no cache line with another loop.
///
/// Thread-safety: the storage is written by one thread only and read with atomic loads,
/// hence `@unchecked Sendable`.
final class LoopCounters: @unchecked Sendable {
    let layout: CounterLayout
    private let storage: UnsafeMutablePointer<UInt64>

    init(layout: CounterLayout) {
        self.layout = layout
        storage = UnsafeMutablePointer<UInt64>.allocate(capacity: layout.size)
        storage.initialize(repeating: 0, count: layout.size)
    }

    deinit { storage.deallocate() }

    /// One answered request: `route` is the router's metrics slot (0: no route matched).
    func recordRequest(route: Int, method: HTTPMethod, status: Int, nanoseconds: UInt64) {
        let route = route < layout.routes ? route : 0
        csys_counter_add(storage + layout.requestIndex(route: route, method: RequestMethodSlot.slot(method),
                                                       status: StatusSlot.slot(status)), 1)
        let base = layout.durationIndex(route: route)
        csys_counter_add(storage + base + DurationBuckets.bucket(nanoseconds: nanoseconds), 1)
        csys_counter_add(storage + base + DurationBuckets.sumOffset, nanoseconds)
    }

    func recordHandshake(succeeded: Bool) {
        csys_counter_add(storage + layout.handshakeIndex + (succeeded ? 0 : 1), 1)
    }

    func load(_ index: Int) -> UInt64 { csys_counter_load(storage + index) }
}

/// Where each counter sits in a loop's flat storage.
struct CounterLayout: Sendable {
    /// Route slots, slot 0 being "no route matched".
    let routes: Int

    var requestsSize: Int { routes * RequestMethodSlot.count * StatusSlot.count }
    func requestIndex(route: Int, method: Int, status: Int) -> Int {
        (route * RequestMethodSlot.count + method) * StatusSlot.count + status
    }
    func durationIndex(route: Int) -> Int { requestsSize + route * DurationBuckets.stride }
    var handshakeIndex: Int { requestsSize + routes * DurationBuckets.stride }
    var size: Int { handshakeIndex + 2 }
}

/// The methods counted apart; any other method counts as `OTHER`.
enum RequestMethodSlot {
    static let names = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"]
    static var count: Int { names.count }
    static func slot(_ method: HTTPMethod) -> Int {
        switch method.rawValue {
        case "GET": return 0
        case "HEAD": return 1
        case "POST": return 2
        case "PUT": return 3
        case "PATCH": return 4
        case "DELETE": return 5
        case "OPTIONS": return 6
        default: return 7
        }
    }
}

/// The status codes counted apart; any other code counts under its class (`2xx`, …).
enum StatusSlot {
    static let codes = [100, 101, 200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308,
                        400, 401, 403, 404, 405, 406, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417,
                        422, 423, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505]
    static let labels: [String] = codes.map(String.init) + ["1xx", "2xx", "3xx", "4xx", "5xx"]
    static var count: Int { labels.count }
    /// Code (100–599) to slot, built once.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 500)
        for code in 100..<600 { table[code - 100] = UInt8(codes.count + code / 100 - 1) }
        for (i, code) in codes.enumerated() { table[code - 100] = UInt8(i) }
        return table
    }()
    static func slot(_ code: Int) -> Int {
        guard code >= 100 && code < 600 else { return count - 1 }
        return Int(table[code - 100])
    }
}

/// Upper bounds of the request duration histogram, and how a loop stores it per route:
/// one count per bucket (not cumulative; the scrape adds them up), then the sum in ns.
public enum DurationBuckets {
    public static let boundsSeconds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    static let boundsNanoseconds: [UInt64] = boundsSeconds.map { UInt64($0 * 1e9) }
    /// Bounds, the +Inf bucket, the sum.
    static var stride: Int { boundsSeconds.count + 2 }
    static var sumOffset: Int { boundsSeconds.count + 1 }
    static func bucket(nanoseconds: UInt64) -> Int {
        for (i, bound) in boundsNanoseconds.enumerated() where nanoseconds <= bound { return i }
        return boundsSeconds.count
    }
}
