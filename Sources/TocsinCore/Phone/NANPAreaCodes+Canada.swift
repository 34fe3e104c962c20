extension NANPAreaCodes {
    /// Canadian area codes. 867 serves all three territories; 902 and 782 serve Nova Scotia and PEI.
    static let canadianCodes: [[NANPAreaCode]] = [
        // Alberta
        canada(["AB"], ["America/Edmonton"], "368", "403", "587", "780", "825"),
        // British Columbia: the overlays span the whole province, 604 only the Lower Mainland.
        canada(["BC"], Self.britishColumbia, "236", "250", "257", "672", "778"),
        canada(["BC"], ["America/Vancouver"], "604"),
        // Manitoba
        canada(["MB"], ["America/Winnipeg"], "204", "431", "584"),
        // New Brunswick
        canada(["NB"], ["America/Moncton"], "428", "506"),
        // Newfoundland and Labrador: the island on Newfoundland time, most of Labrador on Atlantic time.
        canada(["NL"], ["America/St_Johns", "America/Goose_Bay"], "709", "879"),
        // Nova Scotia and Prince Edward Island
        canada(["NS", "PE"], ["America/Halifax"], "782", "902"),
        // Ontario
        canada(["ON"], ["America/Toronto"],
            "226", "249", "289", "343", "365", "382", "416", "437", "519", "548", "613", "647", "683", "705", "742",
            "753", "905", "942"
        ),
        // Northwestern Ontario: Thunder Bay Eastern, Kenora and Fort Frances Central, Atikokan EST all year.
        canada(["ON"], ["America/Toronto", "America/Winnipeg", "America/Atikokan"], "807"),
        // Quebec
        canada(["QC"], ["America/Toronto"], "263", "273", "354", "438", "450", "468", "514", "579", "819", "873"),
        // Eastern Quebec: the Magdalen Islands on Atlantic time, the Lower North Shore on AST all year.
        canada(["QC"], ["America/Toronto", "America/Halifax", "America/Blanc-Sablon"], "367", "418", "581"),
        // Saskatchewan: CST all year, except Lloydminster, which follows Alberta.
        canada(["SK"], ["America/Regina", "America/Edmonton"], "306", "474", "639"),
        // Yukon, Northwest Territories and Nunavut
        canada(["YT", "NT", "NU"], Self.northernCanada, "867"),
    ]

    /// Vancouver; the East Kootenays on Mountain time; Dawson Creek, Fort Nelson and Creston on MST all year.
    static let britishColumbia = [
        "America/Vancouver", "America/Edmonton", "America/Dawson_Creek", "America/Fort_Nelson", "America/Creston",
    ]

    /// Yukon (MST all year), the Northwest Territories (Mountain) and Nunavut's three zones.
    static let northernCanada = [
        "America/Whitehorse", "America/Yellowknife", "America/Iqaluit", "America/Rankin_Inlet",
        "America/Cambridge_Bay", "America/Inuvik", "America/Dawson", "America/Resolute",
    ]
}
