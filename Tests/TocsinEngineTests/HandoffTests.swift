import Synchronization
import Testing
@testable import TocsinEngine

struct HandoffTests {
    @Test func valuesArriveInOrderAndTheProducerWaitsWhileThePlaceIsTaken() async {
        let handoff = Handoff<Int>()
        let putsDone = Mutex(0)
        async let produced: Void = {
            for value in 1...50 {
                #expect(await handoff.put(value))
                putsDone.withLock { $0 += 1 }
            }
            handoff.finish()
        }()
        var taken: [Int] = []
        while let value = await handoff.take() {
            taken.append(value)
            // The place holds at most the next value: the producer cannot have put two ahead.
            #expect(putsDone.withLock { $0 } <= taken.count + 1)
            await Task.yield()
        }
        await produced
        #expect(taken == Array(1...50))
    }

    @Test func aConsumerWaitingWhenTheProducerFinishesGetsNil() async {
        let handoff = Handoff<Int>()
        async let value = handoff.take()
        try? await Task.sleep(for: .milliseconds(20))
        handoff.finish()
        #expect(await value == nil)
        // Nothing more can be put once finished.
        #expect(await handoff.put(1) == false)
    }

    @Test func valuesPutBeforeFinishingAreStillTaken() async {
        let handoff = Handoff<String>()
        #expect(await handoff.put("plan"))
        handoff.finish()
        #expect(await handoff.take() == "plan")
        #expect(await handoff.take() == nil)
    }

    @Test func cancellingGivesBackTheValueInPlaceAndFailsAWaitingPut() async {
        let handoff = Handoff<Int>()
        #expect(await handoff.put(1))
        async let second = handoff.put(2)
        try? await Task.sleep(for: .milliseconds(20))
        #expect(handoff.cancel() == 1)
        // The waiting put was refused: its value stays with the producer.
        #expect(await second == false)
        #expect(await handoff.take() == nil)
        #expect(await handoff.put(3) == false)
    }

    @Test func cancellingEndsAWaitingTake() async {
        let handoff = Handoff<Int>()
        async let value = handoff.take()
        try? await Task.sleep(for: .milliseconds(20))
        #expect(handoff.cancel() == nil)
        #expect(await value == nil)
    }
}
