import AgentCore
@testable import GovernmentSimulator
import Testing

/// The catalog itself: valid synthetic identities, working photos, idempotent seeding.
@Suite struct SimulatorCatalogTests {
    @Test func everyPersonPassesValidationWithASyntheticSSN() {
        for person in ScenarioCatalog.people {
            #expect(person.validationIssues(today: day("2025-03-03")).isEmpty, "\(person.ssn)")
            let area = Int(person.ssn.prefix(3)) ?? 0
            #expect((151...199).contains(area), "\(person.ssn) should use the catalog's synthetic areas")
            #expect(person.scenario != nil && !(person.scenarioDescription ?? "").isEmpty)
        }
        #expect(Set(ScenarioCatalog.people.map(\.ssn)).count == ScenarioCatalog.people.count)
        #expect(Set(ScenarioCatalog.scenarios.map(\.name)).count == ScenarioCatalog.scenarios.count)
    }

    @Test func everyDateIsTheOneWritten() throws {
        // `ScenarioCatalog.date` falls back to the reference date only for a typo.
        for person in ScenarioCatalog.people {
            #expect(person.dateOfBirth != .referenceDate, "\(person.ssn)")
            #expect(person.dateOfBirth.year < 2005)
        }
        #expect(try catalogPerson("contest-then-fnc").dateOfBirth == day("1980-02-29"))
    }

    @Test func photosAreSmallValidPNGs() throws {
        let photos = ScenarioCatalog.people.compactMap(\.photo)
        #expect(photos.count == 2)
        #expect(photos[0] != photos[1])
        for photo in photos {
            #expect(photo.count < 1000)
            try PNGCheck.verify(photo, width: 10, height: 10)
        }
    }

    @Test func checksumsMatchPublishedVectors() {
        #expect(TinyPNG.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(TinyPNG.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func largeImagesSpanSeveralStoredBlocks() throws {
        // 256 × 256 RGB is 196,864 bytes of scanlines: four stored deflate blocks.
        let png = TinyPNG.image(width: 256, height: 256) { x, y in (UInt8(x), UInt8(y), 0) }
        try PNGCheck.verify(png, width: 256, height: 256)
    }

    @Test func seedingIsIdempotentAndKeepsEditedPeople() async throws {
        let store: any SimulatorStore = InMemorySimulatorStore()
        #expect(try await ScenarioCatalog.seed(into: store) == ScenarioCatalog.people.count)
        var edited = try catalogPerson("employment-authorized")
        edited.dhs.workAuthorized = false
        try await store.savePerson(edited)
        #expect(try await ScenarioCatalog.seed(into: store) == 0)
        #expect(try await store.person(ssn: edited.ssn) == edited)
    }
}

/// An independent reading of a PNG: chunk CRCs, IHDR, and the stored deflate blocks of
/// IDAT with their Adler-32.
enum PNGCheck {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func verify(_ png: [UInt8], width: Int, height: Int) throws {
        guard png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Failure(description: "signature") }
        var offset = 8
        var types: [String] = []
        var idat: [UInt8] = []
        while offset < png.count {
            let length = Int(readUInt32(png, offset))
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            let data = Array(png[offset + 8..<offset + 8 + length])
            let crc = readUInt32(png, offset + 8 + length)
            guard crc == TinyPNG.crc32(Array(type.utf8) + data) else { throw Failure(description: "CRC of \(type)") }
            if type == "IHDR" {
                guard Int(readUInt32(data, 0)) == width, Int(readUInt32(data, 4)) == height else { throw Failure(description: "size") }
            }
            if type == "IDAT" { idat += data }
            types.append(type)
            offset += 12 + length
        }
        guard types == ["IHDR", "IDAT", "IEND"] else { throw Failure(description: "chunks \(types)") }
        guard idat.count >= 6, (UInt16(idat[0]) << 8 | UInt16(idat[1])) % 31 == 0 else { throw Failure(description: "zlib header") }
        var raw: [UInt8] = []
        var cursor = 2
        var final = false
        while !final {
            final = idat[cursor] & 1 == 1
            guard idat[cursor] & 0b110 == 0 else { throw Failure(description: "not a stored block") }
            let length = Int(idat[cursor + 1]) | Int(idat[cursor + 2]) << 8
            let complement = Int(idat[cursor + 3]) | Int(idat[cursor + 4]) << 8
            guard length ^ complement == 0xFFFF else { throw Failure(description: "LEN/NLEN") }
            raw += idat[cursor + 5..<cursor + 5 + length]
            cursor += 5 + length
        }
        guard readUInt32(idat, cursor) == TinyPNG.adler32(raw), cursor + 4 == idat.count else { throw Failure(description: "adler") }
        guard raw.count == height * (1 + 3 * width) else { throw Failure(description: "scanlines") }
    }

    static func readUInt32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }
}
