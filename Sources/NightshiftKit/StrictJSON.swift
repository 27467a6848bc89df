import Foundation

// TEMPORARY: replaced by Simulation's StrictJSON (duplicate keys refused) when that lands.
enum StrictJSON {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T { try JSONDecoder().decode(type, from: data) }
}
