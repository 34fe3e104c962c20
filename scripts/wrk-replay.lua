-- Replays pre-signed Twilio inbound requests (one "signature<TAB>body" per line of $WRK_REQUESTS).
-- Each wrk thread takes every Nth line so no request is sent twice.
local lines = {}
local position = 0
local step = 1

function setup(thread)
    thread:set("id", #threads_seen + 1)
    table.insert(threads_seen, thread)
end
threads_seen = {}

function init(args)
    local path = os.getenv("WRK_REQUESTS")
    local count = tonumber(os.getenv("WRK_THREADS") or "1")
    local index = 0
    local mine = (id or 1) - 1
    for line in io.lines(path) do
        if index % count == mine then
            local tab = line:find("\t", 1, true)
            table.insert(lines, { line:sub(1, tab - 1), line:sub(tab + 1) })
        end
        index = index + 1
    end
    position = 0
end

function request()
    position = position + 1
    if position > #lines then position = 1 end
    local entry = lines[position]
    return wrk.format("POST", wrk.path, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Twilio-Signature"] = entry[1],
    }, entry[2])
end
