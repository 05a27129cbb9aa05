-- Drives a headless Neovim (0.7+) whose only configuration is the README's Neovim 0.7–0.10 block, loaded as the
-- init file by test/e2e/neovim.e2e.ts: `nvim --headless -u <init.lua> -i NONE -n <file> -c 'luafile driver.lua'`.
--
-- The driver starts no language server itself: it waits for the client the README's FileType autocmd started and
-- attached, then records what a user would see (diagnostics, code actions, the buffer after a quick fix) into a
-- JSON report. The mocha side asserts on the report, so a failure shows expected and actual values side by side.
--
-- Environment:
--   POOLGUARD_E2E_SCENARIO   'quick-fix' or 'parse-error'
--   POOLGUARD_E2E_REPORT     where to write the JSON report
--   POOLGUARD_E2E_WORKSPACE  the (temporary) workspace the file on the command line belongs to
-- Exit code: 0 when the scenario ran to its end (the report holds the observations), 1 when a step could not be
-- carried out (the report's `error` says which, with the observations made so far).

local WAIT_MS = 15000
local POLL_MS = 50

local scenario = os.getenv('POOLGUARD_E2E_SCENARIO') or ''
local report_path = os.getenv('POOLGUARD_E2E_REPORT')
local workspace = os.getenv('POOLGUARD_E2E_WORKSPACE') or ''

local report = { scenario = scenario, nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) }

local severity_names = {
  [vim.diagnostic.severity.ERROR] = 'ERROR',
  [vim.diagnostic.severity.WARN] = 'WARN',
  [vim.diagnostic.severity.INFO] = 'INFO',
  [vim.diagnostic.severity.HINT] = 'HINT',
}

--- A step that cannot go on: ends the scenario with `message` in the report.
local function fail(message)
  error({ poolguard_e2e = message }, 0)
end

local function wait_for(what, predicate)
  if not vim.wait(WAIT_MS, predicate, POLL_MS) then
    fail('timed out after ' .. WAIT_MS .. ' ms waiting for ' .. what)
  end
end

--- The PoolGuard clients attached to `buf` (there must be one: the README's config attaches it).
local function poolguard_clients(buf)
  local clients = {}
  for _, client in pairs(vim.lsp.buf_get_clients(buf)) do
    if client.name == 'poolguard' then
      table.insert(clients, client)
    end
  end
  return clients
end

local function describe_clients(buf)
  local attached = {}
  for _, client in pairs(vim.lsp.buf_get_clients(buf)) do
    table.insert(attached, { id = client.id, name = client.name, root_dir = client.config.root_dir })
  end
  local active = {}
  for _, client in pairs(vim.lsp.get_active_clients()) do
    table.insert(active, { id = client.id, name = client.name, root_dir = client.config.root_dir })
  end
  return { attached = attached, active = active }
end

--- The buffer's client, once attached; records it under report.clients[label].
local function attached_client(buf, label)
  if not vim.wait(WAIT_MS, function()
    return #poolguard_clients(buf) > 0
  end, POLL_MS) then
    report.clients_seen = describe_clients(buf)
    fail('no client named poolguard attached to ' .. vim.api.nvim_buf_get_name(buf) .. ' (is poolguard-lsp on PATH?)')
  end
  local clients = poolguard_clients(buf)
  report.clients = report.clients or {}
  report.clients[label] = {
    count = #clients,
    id = clients[1].id,
    root_dir = clients[1].config.root_dir,
    cmd = clients[1].config.cmd,
    settings = clients[1].config.settings,
  }
  return clients[1]
end

--- vim.diagnostic items as plain data (the fields the tests compare; the message checked separately).
local function diagnostics_of(buf)
  local result = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result, {
      lnum = diagnostic.lnum,
      col = diagnostic.col,
      end_lnum = diagnostic.end_lnum,
      end_col = diagnostic.end_col,
      severity = severity_names[diagnostic.severity] or tostring(diagnostic.severity),
      source = diagnostic.source,
      code = diagnostic.code,
      message = diagnostic.message,
    })
  end
  table.sort(result, function(a, b)
    if a.lnum ~= b.lnum then
      return a.lnum < b.lnum
    end
    return a.col < b.col
  end)
  return result
end

local function wait_for_diagnostics(buf, what)
  wait_for(what, function()
    return #vim.diagnostic.get(buf) > 0
  end)
  -- The server publishes one complete list per lint; give a second publish (none expected) a moment to arrive.
  vim.wait(300)
  return diagnostics_of(buf)
end

--- Waits (up to WAIT_MS) for the diagnostics of `buf` to clear; returns what is left (nothing, when they did).
local function wait_for_no_diagnostics(buf)
  vim.wait(WAIT_MS, function()
    return #vim.diagnostic.get(buf) == 0
  end, POLL_MS)
  return diagnostics_of(buf)
end

local function buffer_text(buf)
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n')
  if vim.api.nvim_buf_get_option(buf, 'eol') then
    text = text .. '\n'
  end
  return text
end

--- Opens `relative` (to the workspace) in the current window and returns its buffer.
local function open(relative)
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/' .. relative))
  return vim.api.nvim_get_current_buf()
end

--- The quick fixes the server offers for the first diagnostic of `buf`, requested as Neovim's
--- vim.lsp.buf.code_action() does: the diagnostic's range, the line's diagnostics as context.
local function code_actions(client, buf, diagnostic)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = {
      start = { line = diagnostic.lnum, character = diagnostic.col },
      ['end'] = { line = diagnostic.end_lnum, character = diagnostic.end_col },
    },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, diagnostic.lnum) },
  }
  local response, request_error = client.request_sync('textDocument/codeAction', params, 5000, buf)
  if response == nil then
    fail('textDocument/codeAction failed: ' .. tostring(request_error))
  end
  if response.err ~= nil then
    fail('textDocument/codeAction answered an error: ' .. vim.inspect(response.err))
  end
  return response.result or {}
end

local scenarios = {}

-- The README's example file: one finding, its preferred quick fix applied, the finding gone. Then a second file of
-- the same project: attached to the same client, linted with the README's settings (require-pool-limit at error,
-- where the recommended configuration has warn).
scenarios['quick-fix'] = function()
  local buf = vim.api.nvim_get_current_buf()
  report.filetype = vim.api.nvim_buf_get_option(buf, 'filetype')
  local client = attached_client(buf, 'no-client-per-request')

  local diagnostics = wait_for_diagnostics(buf, 'the diagnostics of src/no-client-per-request.ts')
  report.diagnostics = diagnostics

  local actions = code_actions(client, buf, vim.diagnostic.get(buf)[1])
  report.actions = {}
  local preferred = {}
  for _, action in ipairs(actions) do
    table.insert(report.actions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred == true, has_edit = action.edit ~= nil })
    if action.isPreferred == true then
      table.insert(preferred, action)
    end
  end
  if #preferred == 0 then
    fail('no preferred code action among ' .. #actions)
  end
  if preferred[1].edit == nil then
    fail('the preferred code action has no edit')
  end
  report.applied = preferred[1].title
  vim.lsp.util.apply_workspace_edit(preferred[1].edit, client.offset_encoding or 'utf-16')
  report.text_after_fix = buffer_text(buf)
  -- The edit reaches the server as didChange; its next lint clears the diagnostic.
  report.diagnostics_after_fix = wait_for_no_diagnostics(buf)

  local second = open('src/require-pool-limit.ts')
  local second_client = attached_client(second, 'require-pool-limit')
  report.same_client = second_client.id == client.id
  report.settings_diagnostics = wait_for_diagnostics(second, 'the diagnostics of src/require-pool-limit.ts')
end

-- A file that does not parse (it must construct a client, or the server's prefilter skips it unparsed): one
-- parse-error hint, and the server lives on — it clears the hint once the text parses, and another file of the
-- project (same client) still gets its finding.
scenarios['parse-error'] = function()
  local buf = vim.api.nvim_get_current_buf()
  local client = attached_client(buf, 'broken')
  report.broken_diagnostics = wait_for_diagnostics(buf, 'the diagnostics of src/broken.ts')

  -- Repair the line the parse error is on, as a user would.
  local line = report.broken_diagnostics[1].lnum
  vim.api.nvim_buf_set_lines(buf, line, line + 1, true, { 'export const x = 1;' })
  report.repaired_text = buffer_text(buf)
  report.repaired_diagnostics = wait_for_no_diagnostics(buf)

  -- The repaired buffer stays unsaved in the background.
  vim.o.hidden = true
  local other = open('src/no-client-per-request.ts')
  local other_client = attached_client(other, 'no-client-per-request')
  report.same_client = other_client.id == client.id
  report.other_diagnostics = wait_for_diagnostics(other, 'the diagnostics of src/no-client-per-request.ts')
  report.client_alive = vim.lsp.get_client_by_id(client.id) ~= nil
end

local function write_report()
  if report_path == nil then
    io.stdout:write(vim.fn.json_encode(report) .. '\n')
    return
  end
  local file = assert(io.open(report_path, 'w'))
  file:write(vim.fn.json_encode(report))
  file:close()
end

--- Stops every client and waits for them to exit, so the language server does not outlive Neovim.
local function stop_clients()
  local clients = vim.lsp.get_active_clients()
  if #clients == 0 then
    return true
  end
  vim.lsp.stop_client(clients)
  return vim.wait(5000, function()
    return #vim.lsp.get_active_clients() == 0
  end, POLL_MS)
end

local ok, problem = xpcall(function()
  local run = scenarios[scenario]
  if run == nil then
    fail('unknown scenario ' .. vim.inspect(scenario) .. ' (POOLGUARD_E2E_SCENARIO)')
  end
  run()
end, function(err)
  if type(err) == 'table' and err.poolguard_e2e ~= nil then
    return err.poolguard_e2e
  end
  return debug.traceback(tostring(err), 2)
end)
if not ok then
  report.error = problem
end
report.clients_stopped = stop_clients()

local written, write_problem = pcall(write_report)
if not written then
  io.stderr:write('poolguard e2e driver: could not write the report: ' .. tostring(write_problem) .. '\n')
  ok = false
end
if ok then
  vim.cmd('qall!')
else
  vim.cmd('cquit 1')
end
