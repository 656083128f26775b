-- wrk script: refresh-token grants at POST /token. Each thread starts with its share of the refresh tokens listed
-- in the file named by the REFRESH_TOKENS environment variable, and replaces each token it sends with the one the
-- answer carries, as a client does: every token is used once, so a reuse shows up as an error.
local tokens = {}

function setup(thread)
   thread:set("id", thread_count or 0)
   thread_count = (thread_count or 0) + 1
end

function init(args)
   local all = {}
   for line in io.lines(os.getenv("REFRESH_TOKENS")) do
      all[#all + 1] = line
   end
   local threads = tonumber(os.getenv("THREADS"))
   for i = id + 1, #all, threads do
      tokens[#tokens + 1] = all[i]
   end
end

function request()
   local token = table.remove(tokens) or "exhausted"
   return wrk.format("POST", "/token", {["Content-Type"] = "application/x-www-form-urlencoded"},
      "grant_type=refresh_token&client_id=chat&refresh_token=" .. token)
end

function response(status, headers, body)
   local token = body:match('"refresh_token":"([^"]+)"')
   if token then
      tokens[#tokens + 1] = token
   end
end
