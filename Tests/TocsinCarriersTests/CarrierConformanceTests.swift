import Foundation
import Testing
import TocsinCarriers
import TocsinCore
import TocsinTesting

/// The same tests for every carrier adapter (Twilio, Telnyx, the mock), each against its own wire: a local
/// HTTP stub of its API on a loopback port, or the mock's script.
struct CarrierConformanceTests {
    struct Ref: Sendable, CustomTestStringConvertible {
        let carrier: String
        let index: Int
        let label: String
        var testDescription: String { "\(self.carrier): \(self.label)" }
        var subject: any ConformanceCarrier { Conformance.carriers.first { $0.name == self.carrier }! }
    }

    static let names = Conformance.carriers.map(\.name)
    static let errors = Conformance.carriers.flatMap { carrier in
        carrier.errorCases.enumerated().map { Ref(carrier: carrier.name, index: $0.offset, label: $0.element.label) }
    }
    static let receipts = Conformance.carriers.flatMap { carrier in
        carrier.receiptCases.enumerated().map { Ref(carrier: carrier.name, index: $0.offset, label: $0.element.label) }
    }
    static let signed = Conformance.carriers.filter { $0.signedHeaders([], now: Conformance.now) != nil }.map(\.name)

    static func subject(_ name: String) -> any ConformanceCarrier { Conformance.carriers.first { $0.name == name }! }

    @Test(arguments: names)
    func aSendHasTheCarriersRequestShapeAndAuth(_ name: String) async throws {
        let subject = Self.subject(name)
        try await subject.withAdapter { adapter, wire in
            let receipt = try await adapter.send(Conformance.sms)
            #expect(!receipt.carrierMessageID.isEmpty)
            #expect((receipt.carrier ?? adapter.id) == adapter.id)
            let captured = try #require(subject.lastSend(wire))
            let expected = subject.expectedSend(Conformance.sms)
            #expect(captured.method == expected.method)
            #expect(captured.path == expected.path)
            #expect(captured.authorization == expected.authorization)
            #expect(captured.contentType == expected.contentType)
            #expect(captured.fields == expected.fields)
        }
    }

    @Test(arguments: errors)
    func eachScriptedErrorMapsToItsKind(_ ref: Ref) async throws {
        let subject = ref.subject
        let testCase = subject.errorCases[ref.index]
        try await subject.withAdapter { adapter, wire in
            testCase.script(wire)
            do throws(CarrierError) {
                _ = try await adapter.send(Conformance.sms)
                Issue.record("\(ref.testDescription): the send succeeded")
            } catch {
                #expect(error.kind == testCase.kind)
                #expect(error.isRetryable == [.rateLimited, .unavailable].contains(testCase.kind))
                #expect(error.code == testCase.code)
                #expect(!error.description.contains("2125550401"), "numbers must not reach logs: \(error)")
            }
        }
    }

    @Test(arguments: names.filter { $0 != "mock" })
    func anUnreachableAPIIsRetryable(_ name: String) async throws {
        // Start a stub to learn a free port, then call it after it stopped (a call there may hang rather than be
        // refused, so this adapter gives up after 5 seconds).
        let subject = Self.subject(name)
        let adapterBox = AdapterBox()
        try await subject.withAdapter(timeoutSeconds: 5) { adapter, _ in adapterBox.set(adapter) }
        let adapter = try #require(adapterBox.get())
        do throws(CarrierError) {
            _ = try await adapter.send(Conformance.sms)
            Issue.record("a send to a stopped API succeeded")
        } catch {
            #expect(error.kind == .unavailable && error.isRetryable)
        }
    }

    @Test(arguments: receipts)
    func eachStatusCallbackReadsAsOurState(_ ref: Ref) throws {
        let subject = ref.subject
        let testCase = subject.receiptCases[ref.index]
        let receipt = try subject.receipt(from: testCase.payload)
        #expect(receipt?.state == testCase.state)
        #expect(receipt.map(\.recipientOptedOut) ?? false == testCase.optedOut)
        if let receipt {
            #expect(receipt.carrier == ref.carrier)
            #expect(!receipt.carrierMessageID.isEmpty)
        }
    }

    @Test(arguments: signed)
    func signedWebhooksAreAcceptedAndTamperedOnesRefused(_ name: String) throws {
        let subject = Self.subject(name)
        let body = subject.receiptCases[2].payload
        let headers = try #require(subject.signedHeaders(body, now: Conformance.now))
        #expect(subject.verify(headers: headers, body: body, now: Conformance.now))
        var tampered = body
        tampered[tampered.count / 2] ^= 0x01
        #expect(!subject.verify(headers: headers, body: tampered, now: Conformance.now))
        #expect(!subject.verify(headers: [:], body: body, now: Conformance.now))
        let otherBody = subject.receiptCases[0].payload
        #expect(!subject.verify(headers: headers, body: otherBody, now: Conformance.now))
    }
}

/// Carries an adapter out of the stub's closure.
final class AdapterBox: @unchecked Sendable {
    private let lock = NSLock()
    private var adapter: (any CarrierAdapter)?
    func set(_ adapter: any CarrierAdapter) { self.lock.withLock { self.adapter = adapter } }
    func get() -> (any CarrierAdapter)? { self.lock.withLock { self.adapter } }
}
