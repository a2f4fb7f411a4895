-- FTP-style PWD commands over many sessions: the tokens (one per line, in the file named by the env
-- variable TOKENS) are used in turn from a different start per thread, so with far more sessions than
-- connections no two connections run a command of the same session at once.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local i = 0
function init(args)
  i = tonumber(tostring({}):match("0x(%x+)"), 16) % #tokens
end
request = function()
  i = i + 1
  return wrk.format("POST", "/api/ftp/command",
    {["X-Auth-Token"] = tokens[i % #tokens + 1], ["Content-Type"] = "text/plain"}, "PWD")
end
