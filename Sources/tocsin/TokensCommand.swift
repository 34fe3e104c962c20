import ArgumentParser
import Foundation
import TocsinCore
import TocsinServer
import TocsinStore

struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke API tokens.", subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it once (only its hash is stored).")

        @OptionGroup var options: ConfigOptions

        @Option(name: .long, help: "admin, campaigner, compliance or intake.")
        var role: String

        @Option(name: .long, help: "Who or what uses the token (e.g. petition-site).")
        var name: String

        func run() async throws {
            guard let role = Role(rawValue: self.role) else {
                fail("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !self.name.trimmingCharacters(in: .whitespaces).isEmpty else { fail("--name must not be empty") }
            try await withStore(self.options) { _, store in
                let token = APIToken.generate()
                let info = try await store.createToken(name: self.name, role: role, tokenHash: APIToken.hash(token), now: Date())
                print(token)
                FileHandle.standardError.write(Data("created token \(info.id) (\(role.rawValue), \(info.name)); it is shown only once\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never the secrets).")

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let tokens = try await withStore(self.options) { _, store in try await store.listTokens() }
            for token in tokens {
                let state = token.revokedAt.map { "revoked \($0.formatted(.iso8601))" } ?? "active"
                print("\(token.id)\t\(token.role.rawValue)\t\(token.name)\t\(token.createdAt.formatted(.iso8601))\t\(state)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id.")

        @OptionGroup var options: ConfigOptions

        @Argument(help: "The token id (see `tocsin tokens list`).")
        var id: Int64

        func run() async throws {
            do {
                try await withStore(self.options) { _, store in try await store.revokeToken(id: self.id, actor: "cli", now: Date()) }
            } catch {
                fail("\(error)")
            }
            print("revoked token \(self.id)")
        }
    }
}
