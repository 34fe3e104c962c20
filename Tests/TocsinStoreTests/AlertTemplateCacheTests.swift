import Testing
import TocsinCore
@testable import TocsinStore

struct AlertTemplateCacheTests {
    @Test func parsesEachLanguagesBodyAndKeepsIt() {
        let cache = AlertTemplateCache()
        let json = #"{"en": "{first_name}, act now: {action_link}", "es": "{first_name}, actúa"}"#
        let templates = cache.templates(bodies: json)
        #expect(Set(templates.keys) == ["en", "es"])
        #expect(templates["en"]?.render(["first_name": "Ana", "action_link": "https://x.example/a"]) == "Ana, act now: https://x.example/a")
        // The same text again gives the same templates; an edited text is parsed anew.
        #expect(cache.templates(bodies: json) == templates)
        let edited = cache.templates(bodies: #"{"en": "Changed {first_name}"}"#)
        #expect(edited["en"]?.render(["first_name": "Ana"]) == "Changed Ana")
        #expect(edited["es"] == nil)
    }

    @Test func unreadableBodiesGiveNoTemplates() {
        let cache = AlertTemplateCache()
        #expect(cache.templates(bodies: "not json").isEmpty)
        // A body with an unknown placeholder is left out; the others stay.
        let templates = cache.templates(bodies: #"{"en": "Hi {nope}", "fr": "Salut"}"#)
        #expect(Set(templates.keys) == ["fr"])
    }

    @Test func staysBoundedPastItsCapacity() {
        let cache = AlertTemplateCache()
        for index in 0...(AlertTemplateCache.capacity * 2) {
            let templates = cache.templates(bodies: "{\"en\": \"Alert \(index)\"}")
            #expect(templates["en"]?.render([:]) == "Alert \(index)")
            #expect(cache.count <= AlertTemplateCache.capacity)
        }
    }
}
