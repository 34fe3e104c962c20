import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCarriers
import TocsinCore
import TocsinServer
import Yams

/// `openapi.yaml` against the server: the embedded copy, every registered route, roles, schemes and the
/// fields the handlers really read and answer.
struct OpenAPITests {
    @Test func theEmbeddedDocumentIsTheCommittedFile() throws {
        let file = try Data(contentsOf: OpenAPISpec.fileURL)
        #expect(!file.isEmpty)
        #expect(
            Data(OpenAPIDocument.text.utf8) == file,
            "Sources/TocsinServer/Routes/OpenAPIDocument.swift and openapi.yaml differ; edit both together"
        )
    }

    @Test func theDocumentIsServedAsYAML() async throws {
        let app = try await TestApp()
        let file = try String(contentsOf: OpenAPISpec.fileURL, encoding: .utf8)
        try await app.application.test(.router) { client in
            let reply = try await client.send(.get, "/openapi.yaml", token: nil)
            #expect(reply.status == .ok)
            #expect(reply.contentType == "application/yaml")
            #expect(reply.text == file)
        }
    }

    @Test func everyRegisteredRouteIsDocumented() async throws {
        let spec = try OpenAPISpec.load()
        let registered = try await OpenAPISpec.registeredRoutes()
        #expect(registered.count >= 20)
        let missing = registered.subtracting(spec.operations.map(\.route)).sorted()
        #expect(missing.isEmpty, "registered but not in openapi.yaml: \(missing)")
    }

    @Test func everyDocumentedRouteIsRegistered() async throws {
        let spec = try OpenAPISpec.load()
        let registered = try await OpenAPISpec.registeredRoutes()
        let documented = spec.operations.map(\.route)
        #expect(Set(documented).count == documented.count, "an operation is documented twice")
        let extra = Set(documented).subtracting(registered).sorted()
        #expect(extra.isEmpty, "in openapi.yaml but not registered: \(extra)")
    }

    @Test func everyOperationStatesItsRolesAndErrors() throws {
        let spec = try OpenAPISpec.load()
        let known = Set(["public"] + Role.allCases.map(\.rawValue))
        #expect(spec.operations.count >= 20)
        for operation in spec.operations {
            let route = operation.route
            let roles = operation.roles
            let description = operation.node.child("description")?.string ?? ""
            let summary = operation.node.child("summary")?.string ?? ""
            #expect(!summary.isEmpty, "\(route): summary")
            #expect(!roles.isEmpty && roles.isSubset(of: known), "\(route): x-roles \(roles)")
            let codes = Set(operation.node.child("responses")?.mapping?.keys.compactMap(\.string) ?? [])
            #expect(codes.contains { $0.hasPrefix("2") }, "\(route): no 2xx response")
            if operation.isPublic {
                #expect(roles == ["public"], "\(route): public and other roles")
                #expect(description.contains("Public:"), "\(route): the description must say it is public")
                #expect(!operation.schemes.contains("bearer"), "\(route): public but needs a bearer token")
            } else {
                #expect(roles.contains("admin"), "\(route): admin may call every endpoint")
                #expect(operation.schemes == ["bearer"], "\(route): schemes \(operation.schemes)")
                let sentence = description.components(separatedBy: "Roles:").last ?? ""
                for role in roles where role != "admin" {
                    #expect(description.contains("Roles:") && sentence.contains(role), "\(route): description must name role \(role)")
                }
                #expect(codes.isSuperset(of: ["401", "403"]), "\(route): 401 and 403 must be documented")
            }
            for code in codes where code >= "400" {
                let schema = spec.resolve(operation.node.child("responses")?.child(code))?.child("content")?.child("application/json")?.child("schema")
                #expect(schema?.child("$ref")?.string == "#/components/schemas/Error", "\(route) \(code): must use the Error schema")
            }
        }
    }

    @Test func theSecuritySchemesAreDeclared() throws {
        let spec = try OpenAPISpec.load()
        #expect(spec.root.child("openapi")?.string == "3.1.0")
        let bearer = spec.root.child("components")?.child("securitySchemes")?.child("bearer")
        #expect(bearer?.child("type")?.string == "http")
        #expect(bearer?.child("scheme")?.string == "bearer")
        #expect(spec.root.child("security")?.sequence?.first?.child("bearer") != nil, "bearer must be the default")
    }

    @Test func theTwilioWebhookIsASignedForm() async throws {
        let spec = try OpenAPISpec.load()
        let operation = try #require(spec.operation(.post, "/webhooks/twilio/sms"))
        #expect(operation.isPublic)
        #expect(operation.schemes == ["twilioSignature"])
        let headerNames = operation.node.child("parameters")?.sequence?.filter { $0.child("in")?.string == "header" }.compactMap { $0.child("name")?.string }
        #expect(headerNames == ["X-Twilio-Signature"])
        let form = operation.node.child("requestBody")?.child("content")?.child("application/x-www-form-urlencoded")?.child("schema")
        let required = spec.resolve(form)?.child("required")?.sequence?.compactMap(\.string) ?? []
        #expect(Set(required) == ["From", "To", "Body"])

        let fields = [("Body", "HELP"), ("From", "+12125550790"), ("MessageSid", "SMopenapi1"), ("To", "+14155550100")]
        let body = fields.map { "\($0.0)=\($0.1.replacingOccurrences(of: "+", with: "%2B"))" }.joined(separator: "&")
        let signature = TwilioSignature(authToken: TestApp.twilioToken).compute(
            url: TestApp.publicURL + "/webhooks/twilio/sms", parameters: fields
        )
        var signed = HTTPFields()
        signed[.init("X-Twilio-Signature")!] = signature
        let headers = signed
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            let spec = try OpenAPISpec.load()
            let operation = try #require(spec.operation(.post, "/webhooks/twilio/sms"))
            let reply = try await client.send(
                .post, "/webhooks/twilio/sms", token: nil, body: body, contentType: "application/x-www-form-urlencoded",
                headers: headers
            )
            #expect(reply.status == .ok)
            #expect(reply.text.contains("<Message>"))
            #expect(spec.problems(reply, operation).isEmpty, "\(spec.problems(reply, operation))")
        }
    }

    @Test func theMockWebhookAnswersAsDocumented() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            let spec = try OpenAPISpec.load()
            let operation = try #require(spec.operation(.post, "/webhooks/mock/sms"))
            for status in ["processed", "duplicate"] {
                let reply = try await client.send(.post, "/webhooks/mock/sms", token: nil, body: RoleMatrixTests.mockSMS.body)
                #expect(reply.status == .ok)
                #expect(reply.text.contains(#""status":"\#(status)""#))
                #expect(spec.problems(reply, operation).isEmpty, "\(status): \(spec.problems(reply, operation))")
            }
        }
    }

    @Test func campaignFieldsAreTheHandlersFields() throws {
        let spec = try OpenAPISpec.load()
        let properties = spec.root.child("components")?.child("schemas")?.child("CampaignFields")?.child("properties")?.mapping
        #expect(Set(properties?.keys.compactMap(\.string) ?? []) == Set(CampaignDraft.jsonFields))
    }

    /// Each documented required field, left out of a valid body, gets 400 or 422; so does `{}`.
    @Test(arguments: RoleMatrixTests.samples.filter { $0.body != nil } + [RoleMatrixTests.mockSMS])
    func requiredRequestFieldsAreRequired(_ sample: RoleMatrixTests.Sample) async throws {
        let body = try #require(sample.body)
        let spec = try OpenAPISpec.load()
        let operation = try #require(spec.operation(sample.method, sample.path))
        let schema = try #require(spec.resolve(operation.node.child("requestBody")?.child("content")?.child("application/json")?.child("schema")))
        let required = schema.child("required")?.sequence?.compactMap(\.string) ?? []
        #expect(!required.isEmpty || schema.child("minProperties")?.int == 1, "\(sample): the body schema requires nothing")
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]).keys
        #expect(Set(keys).isSuperset(of: required), "\(sample): the sample body lacks a required field")
        let app = try await TestApp()
        let admin = try await app.token(.admin, name: "admin")
        try await app.application.test(.router) { client in
            try await RoleMatrixTests.seed(client, admin: admin)
            for name in required + [nil] {
                var partial = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                if let name { partial[name] = nil } else { partial = [:] }
                let text = String(decoding: try JSONSerialization.data(withJSONObject: partial), as: UTF8.self)
                let reply = try await client.send(sample.method, sample.uri, token: admin, body: text)
                #expect([400, 422].contains(reply.status.code), "\(sample) without \(name ?? "any field"): \(reply.status) \(reply.text)")
            }
        }
    }
}

/// An HTTP answer as the OpenAPI checks need it.
struct RouteReply {
    var status: HTTPResponse.Status
    var contentType: String?
    var text: String
}

extension TestClientProtocol {
    /// Calls `uri` with an optional bearer token and body (JSON unless `contentType` says otherwise).
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil,
        contentType: String = "application/json", headers extra: HTTPFields = [:]
    ) async throws -> RouteReply {
        var headers: HTTPFields = [.contentType: contentType]
        if let token { headers[.authorization] = "Bearer \(token)" }
        headers.append(contentsOf: extra)
        return try await self.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            RouteReply(status: $0.status, contentType: $0.headers[.contentType], text: String(buffer: $0.body))
        }
    }
}

/// The parsed `openapi.yaml`, with the lookups and the small JSON Schema check the tests need.
struct OpenAPISpec {
    /// One documented method on one path.
    struct Operation {
        /// Upper case, as Hummingbird spells it.
        var method: String
        var path: String
        var node: Node
        /// The security schemes it accepts (the document's default unless it has its own).
        var schemes: Set<String>

        var route: String { "\(self.method) \(self.path)" }
        var roles: Set<String> { Set(self.node.child("x-roles")?.sequence?.compactMap(\.string) ?? []) }
        var isPublic: Bool { self.roles.contains("public") }
        var tags: Set<String> { Set(self.node.child("tags")?.sequence?.compactMap(\.string) ?? []) }
        /// The roles that get past the role check: every role on a public operation.
        var allowedRoles: Set<String> { self.isPublic ? Set(Role.allCases.map(\.rawValue)) : self.roles }
    }

    static let fileURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("openapi.yaml")
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    let root: Node
    let operations: [Operation]

    static func load() throws -> OpenAPISpec {
        let root = try #require(try Yams.compose(yaml: String(contentsOf: Self.fileURL, encoding: .utf8)))
        let defaults = Self.schemes(root.child("security")) ?? []
        var operations: [Operation] = []
        let paths = try #require(root.child("paths")?.mapping, "openapi.yaml has no paths")
        for (path, item) in paths {
            guard let methods = item.mapping else { continue }
            for (method, node) in methods where Self.methods.contains(method.string ?? "") {
                operations.append(Operation(
                    method: (method.string ?? "").uppercased(), path: path.string ?? "", node: node,
                    schemes: Self.schemes(node.child("security")) ?? defaults
                ))
            }
        }
        return OpenAPISpec(root: root, operations: operations)
    }

    static func schemes(_ security: Node?) -> Set<String>? {
        guard let requirements = security?.sequence else { return nil }
        return Set(requirements.flatMap { $0.mapping?.keys.compactMap(\.string) ?? [] })
    }

    /// Every (method, path) the real router registers, as `GET /v1/alerts/{id}`.
    static func registeredRoutes() async throws -> Set<String> {
        let app = try await TestApp()
        return Set(buildRouter(app.services).routes.map { "\($0.method.rawValue) \(Self.normalise($0.path.description))" })
    }

    /// `/v1/alerts/:id` and `/v1/alerts/{id}` both as `/v1/alerts/{id}`.
    static func normalise(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            .joined(separator: "/")
    }

    func operation(_ method: HTTPRequest.Method, _ path: String) -> Operation? {
        self.operations.first { $0.method == method.rawValue && $0.path == path }
    }

    /// `node`, following `$ref`s inside this document.
    func resolve(_ node: Node?) -> Node? {
        var current = node
        var hops = 0
        while let ref = current?.child("$ref")?.string, ref.hasPrefix("#/"), hops < 10 {
            current = ref.dropFirst(2).split(separator: "/").reduce(Optional(self.root)) { $0?.child(String($1)) }
            hops += 1
        }
        return current
    }

    /// What in `reply` the document does not describe: an undocumented status, another media type, or a
    /// JSON body that does not fit the schema. Empty when it fits.
    func problems(_ reply: RouteReply, _ operation: Operation) -> [String] {
        let code = String(reply.status.code)
        guard let response = self.resolve(operation.node.child("responses")?.child(code)) else {
            return ["\(operation.route): status \(code) is not documented"]
        }
        guard let media = response.child("content")?.mapping?.first else { return [] }
        let mediaType = media.key.string ?? ""
        guard (reply.contentType ?? "").hasPrefix(mediaType) else {
            return ["\(operation.route) \(code): content-type \(reply.contentType ?? "none") is not \(mediaType)"]
        }
        guard mediaType == "application/json", let schema = media.value.child("schema") else { return [] }
        guard let value = try? JSONSerialization.jsonObject(with: Data(reply.text.utf8), options: [.fragmentsAllowed]) else {
            return ["\(operation.route) \(code): the body is not JSON: \(reply.text)"]
        }
        return self.problems(value, schema, at: "\(operation.route) \(code) body")
    }

    /// A subset of JSON Schema: type, const, enum, properties, required, additionalProperties, items.
    func problems(_ value: Any, _ schemaNode: Node, at path: String) -> [String] {
        guard let schema = self.resolve(schemaNode) else { return ["\(path): unresolved schema"] }
        let types = Self.types(schema)
        if value is NSNull {
            return types.isEmpty || types.contains("null") ? [] : ["\(path): null, expected \(types.sorted())"]
        }
        if let object = value as? [String: Any] {
            guard types.isEmpty || types.contains("object") else { return ["\(path): object, expected \(types.sorted())"] }
            let properties = schema.child("properties")
            var out = (schema.child("required")?.sequence?.compactMap(\.string) ?? []).filter { object[$0] == nil }
                .map { "\(path).\($0): required but missing" }
            for (key, item) in object {
                if let property = properties?.child(key) {
                    out += self.problems(item, property, at: "\(path).\(key)")
                } else if let extra = schema.child("additionalProperties"), extra.mapping != nil {
                    out += self.problems(item, extra, at: "\(path).\(key)")
                } else if properties != nil || schema.child("additionalProperties")?.bool == false {
                    out.append("\(path).\(key): not documented")
                }
            }
            return out
        }
        if let array = value as? [Any] {
            guard types.isEmpty || types.contains("array") else { return ["\(path): array, expected \(types.sorted())"] }
            guard let items = schema.child("items") else { return [] }
            return array.enumerated().flatMap { self.problems($0.element, items, at: "\(path)[\($0.offset)]") }
        }
        if let text = value as? String {
            guard types.isEmpty || types.contains("string") else { return ["\(path): string, expected \(types.sorted())"] }
            if let constant = schema.child("const")?.string, constant != text { return ["\(path): '\(text)' is not '\(constant)'"] }
            if let allowed = schema.child("enum")?.sequence?.compactMap(\.string), !allowed.contains(text) {
                return ["\(path): '\(text)' is not one of \(allowed)"]
            }
            return []
        }
        let scalarTypes: Set<String> = ["integer", "number", "boolean"]
        return types.isEmpty || !types.isDisjoint(with: scalarTypes) ? [] : ["\(path): \(value), expected \(types.sorted())"]
    }

    static func types(_ schema: Node) -> Set<String> {
        if let list = schema.child("type")?.sequence { return Set(list.compactMap(\.string)) }
        return schema.child("type")?.string.map { [$0] } ?? []
    }
}

extension Node {
    /// The value under `key` in a mapping, comparing keys as text: Yams' own subscript resolves the key's
    /// tag, so it misses quoted keys such as `'401'`.
    func child(_ key: String) -> Node? {
        self.mapping?.first { $0.key.string == key }?.value
    }
}
