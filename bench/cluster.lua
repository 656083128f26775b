-- Spreads wrk's threads over the instances named in HOSTS (host:port,host:port): thread i talks to instance i mod n,
-- so with as many threads as instances each instance gets its share of the connections.
local hosts = {}
for host, port in string.gmatch(os.getenv("HOSTS"), "([^,:]+):(%d+)") do
    table.insert(hosts, wrk.lookup(host, port)[1])
end
local next = 0

function setup(thread)
    thread.addr = hosts[next % #hosts + 1]
    next = next + 1
end

wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
