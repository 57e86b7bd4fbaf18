import Foundation
import Testing
@testable import Storage

@Suite struct FieldKeyFileTests {
    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test func createsAMode0600FileAndReloadsTheSameKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("field.key")
        let created = try FieldKeyFile.loadOrCreate(at: path, createIfMissing: true)
        #expect(created.keyID == 1)
        #expect(created.key.count == 32)
        #expect(Set(created.key).count > 8)  // not all zeros
        #expect(try mode(path) == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("1:") && text.hasSuffix("\n"))

        let reloaded = try FieldKeyFile.loadOrCreate(at: path, createIfMissing: true)
        #expect(reloaded.keyID == created.keyID && reloaded.key == created.key)
        let again = try FieldKeyFile.loadOrCreate(at: path, createIfMissing: false)
        #expect(again.key == created.key)
        // No temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["field.key"])
    }

    @Test func twoFilesGetDifferentKeys() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let a = try FieldKeyFile.loadOrCreate(at: directory.file("a.key"), createIfMissing: true)
        let b = try FieldKeyFile.loadOrCreate(at: directory.file("b.key"), createIfMissing: true)
        #expect(a.key != b.key)
    }

    @Test func missingFileIsAnErrorWhenCreationIsNotAllowed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("field.key")
        #expect(throws: FieldKeyFileError.missing(path: path)) {
            try FieldKeyFile.loadOrCreate(at: path, createIfMissing: false)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func refusesAFileOthersCanRead() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("field.key")
        _ = try FieldKeyFile.loadOrCreate(at: path, createIfMissing: true)
        for bits in [0o644, 0o640, 0o604, 0o660] {
            #expect(chmod(path, mode_t(bits)) == 0)
            #expect(throws: FieldKeyFileError.permissionsTooOpen(path: path, mode: UInt16(bits))) {
                try FieldKeyFile.loadOrCreate(at: path, createIfMissing: true)
            }
        }
        #expect(chmod(path, 0o400) == 0)
        #expect(try FieldKeyFile.loadOrCreate(at: path, createIfMissing: false).keyID == 1)
    }

    @Test func theLastKeyIsCurrentAndOlderOnesStayLoadable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("field.key")
        let first = try FieldKeyFile.loadOrCreate(at: path, createIfMissing: true)
        let second = [UInt8](repeating: 0xAB, count: 32)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("2:\(Data(second).base64EncodedString())\n".utf8))
        handle.closeFile()

        let current = try FieldKeyFile.loadOrCreate(at: path, createIfMissing: false)
        #expect(current.keyID == 2 && current.key == second)
        #expect(try FieldKeyFile.loadAll(at: path) == [FieldKey(id: 1, bytes: first.key), FieldKey(id: 2, bytes: second)])
    }

    @Test func malformedFilesAreRejectedWithTheLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("field.key")
        let valid = "1:\(Data(repeating: 1, count: 32).base64EncodedString())\n"
        let cases = [
            valid + "2:not-base64\n",
            valid + "2:\(Data(repeating: 1, count: 16).base64EncodedString())\n",  // short key
            valid + "0:\(Data(repeating: 1, count: 32).base64EncodedString())\n",  // ID 0
            valid + valid,  // repeated ID
        ]
        for text in cases {
            try? FileManager.default.removeItem(atPath: path)
            #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]))
            #expect(throws: FieldKeyFileError.malformed(path: path, line: 2)) {
                try FieldKeyFile.loadOrCreate(at: path, createIfMissing: false)
            }
        }
    }

    @Test func dataDirectoryIsCreatedPrivateWithItsPaths() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let nested = directory.file("data/agent")
        let data = try DataDirectory(path: nested)
        #expect(try mode(nested) == 0o700)
        #expect(data.databasePath == nested + "/agent.sqlite")
        #expect(data.fieldKeyPath == nested + "/field.key")
        _ = try DataDirectory(path: nested)  // existing: fine
        let plainFile = directory.file("not-a-directory")
        #expect(FileManager.default.createFile(atPath: plainFile, contents: Data()))
        #expect(throws: (any Error).self) { try DataDirectory(path: plainFile) }
    }
}
