import Testing
import TocsinCore

struct CampaignAccessTests {
    static let matrix: [(CampaignAccess, Set<Role>)] = [
        (.readCampaigns, [.admin, .campaigner, .compliance]),
        (.writeCampaigns, [.admin, .campaigner]),
        (.readSubscribers, [.admin, .campaigner, .compliance]),
    ]

    @Test(arguments: Self.matrix)
    func eachActionAllowsExactlyItsRoles(access: CampaignAccess, allowed: Set<Role>) {
        for role in Role.allCases {
            #expect(access.allows(role) == allowed.contains(role), "\(access) \(role)")
        }
    }

    @Test func intakeTokensMayDoNothingHere() {
        #expect(CampaignAccess.allCases.allSatisfy { !$0.allows(.intake) })
    }
}
