/**
 * The PoolGuard language server: wires the LSP connection to the modules that do the work. Every handler runs
 * through `guard` (logging.ts), so no exception — from a rule, a document or a malformed request — ends the process.
 *
 * Diagnostics are pulled (`textDocument/diagnostic`) when the client can pull, and pushed
 * (`textDocument/publishDiagnostics`) otherwise — never both for the same client, which would lint every change
 * twice (knowledge/architecture.md §4). Either way a lint waits for `poolguard.debounceMs` of quiet (scheduler.ts).
 */
import { randomUUID } from 'node:crypto';

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

import { POOLGUARD_VERSION } from '../cli/version';
import type { Engine } from '../engine';
import { codeActionsFor, fixAllDataOf, isRelevant, resolveFixAll, type EditSupport } from './code-actions';
import { DiagnosticMapper } from './diagnostics';
import { lintFileName } from './document-paths';
import { fixAllEdits } from './fix-all';
import { HoverProvider } from './hover';
import { IgnoreGlobs } from './ignore-globs';
import { DocumentLinter, LintCache } from './linting';
import { background, CrashLog, guard } from './logging';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, ServerCommands, SETTINGS_SECTION, type FixAllMode } from './protocol';
import { PushDiagnostics } from './push-diagnostics';
import { LintScheduler } from './scheduler';
import { engineSettingsOf, SettingsStore, type Settings } from './settings';
import { lintWorkspace, silentProgress } from './workspace-lint';
import { WorkspaceFolders } from './workspace-folders';

export interface ServerOptions {
  readonly engine: Engine;
}

export function startServer(connection: Connection, { engine }: ServerOptions): void {
  const logger = connection.console;
  /**
   * Documents whose last `didChange` did not name a newer version than they already have (a replayed or out-of-order
   * notification; versions must increase with every change). The change is dropped: the text — and every published
   * version — only moves forward, and a version keeps meaning one text, which the lint and hover caches and the
   * version checks of code actions rely on. Its `onDidChangeContent`, which `TextDocuments` fires anyway, is skipped.
   */
  const staleChanges = new Set<string>();
  const documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update: (document, changes, version) => {
      if (version > document.version) return TextDocument.update(document, changes, version);
      staleChanges.add(document.uri);
      logger.warn(`PoolGuard: ignored a change of ${document.uri} to version ${version}: the document is already at version ${document.version}.`);
      return document;
    },
  });
  const folders = new WorkspaceFolders([]);
  const crashLog = new CrashLog(logger);
  const linter = new DocumentLinter(engine, new IgnoreGlobs(folders), { onCrash: (uri, crash) => crashLog.report(uri, crash) });
  const lints = new LintCache(linter);
  const mapper = new DiagnosticMapper(engine.rules);
  const scheduler = new LintScheduler();
  const hovers = new HoverProvider(engine);
  /** Files the workspace lint pushed diagnostics for; a pull client gets them cleared when it opens one. */
  const pushedByWorkspaceLint = new Set<string>();
  /** Distinguishes this process's result ids from a previous server's, after a restart. */
  const session = randomUUID();

  let capabilities: ClientCapabilities = {};
  let pull = false;
  let support: EditSupport = { documentChanges: false, resolveEdit: false };
  /** The section from `workspace/didChangeConfiguration`, for clients that cannot answer `workspace/configuration`. */
  let pushedSection: unknown;

  const settings = new SettingsStore(
    async (scopeUri) =>
      capabilities.workspace?.configuration === true
        ? ((await connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION })) as unknown)
        : pushedSection,
    engine,
    (message) => logger.warn(message),
  );

  const push = new PushDiagnostics({
    documents,
    settings,
    scheduler,
    lints,
    mapper,
    logger,
    send: (params) => connection.sendDiagnostics(params),
  });

  /** Settings or folders changed: lint every open document again (push), or ask the client to pull again. */
  function relintAll(): void {
    if (!pull) push.relintAll();
    else if (capabilities.workspace?.diagnostics?.refreshSupport === true) {
      background(logger, 'workspace/diagnostic/refresh', connection.languages.diagnostics.refresh());
    }
  }

  const editsOfFixAll = (document: TextDocument, settingsOfDocument: Settings) => (mode: FixAllMode) =>
    fixAllEdits(engine, document, engineSettingsOf(settingsOfDocument), mode);
  const relintOf = (document: TextDocument, settingsOfDocument: Settings) => (text: string) => {
    const fileName = lintFileName(document.uri, document.languageId);
    if (fileName === undefined) return undefined;
    const { messages } = engine.lintText(text, fileName, engineSettingsOf(settingsOfDocument));
    return messages.some((message) => message.fatal === true && message.ruleId === null) ? undefined : messages;
  };

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    pull = capabilities.textDocument?.diagnostic !== undefined;
    support = {
      documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      resolveEdit: capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
    };
    const rootFolder = params.rootUri ? [{ uri: params.rootUri, name: params.rootUri }] : [];
    folders.update({ added: params.workspaceFolders ?? rootFolder, removed: [] });
    return {
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        executeCommandProvider: { commands: [ServerCommands.lintWorkspace] },
        ...(pull ? { diagnosticProvider: { identifier: DIAGNOSTIC_SOURCE, interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'poolguard', version: POOLGUARD_VERSION },
    };
  });

  connection.onInitialized(
    guard(logger, 'initialized', () => undefined, () => {
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true) {
        background(logger, 'registering for configuration changes', connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }));
      }
      if (capabilities.workspace?.workspaceFolders === true) {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          folders.update(event);
          settings.clear();
          relintAll();
        });
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guard(logger, 'didChangeConfiguration', () => undefined, (params) => {
      pushedSection = (params.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
      settings.clear();
      relintAll();
    }),
  );

  const opening = new Set<string>();
  documents.onDidOpen(
    guard(logger, 'didOpen', () => undefined, ({ document }) => {
      opening.add(document.uri);
      if (pull && pushedByWorkspaceLint.delete(document.uri)) push.clear(document.uri);
    }),
  );
  // Also fired right after didOpen: a just-opened document is linted at once, a change after the debounce.
  documents.onDidChangeContent(
    guard(logger, 'didChange', () => undefined, async ({ document }) => {
      const uri = document.uri;
      if (staleChanges.delete(uri)) return;
      const ticket = opening.delete(uri) ? scheduler.renew(uri) : scheduler.touch(uri);
      if (!pull) await push.lintLater(uri, ticket);
    }),
  );
  documents.onDidSave(
    guard(logger, 'didSave', () => undefined, async ({ document }) => {
      if (!pull) await push.lintLater(document.uri, scheduler.renew(document.uri));
    }),
  );
  documents.onDidClose(
    guard(logger, 'didClose', () => undefined, ({ document }) => {
      const uri = document.uri;
      opening.delete(uri);
      staleChanges.delete(uri);
      scheduler.forget(uri);
      lints.delete(uri);
      settings.forget(uri);
      hovers.forget(uri);
      crashLog.forget(uri);
      pushedByWorkspaceLint.delete(uri);
      if (!pull) push.clear(uri);
    }),
  );

  connection.languages.diagnostics.on(
    guard(logger, 'textDocument/diagnostic', (): DocumentDiagnosticReport => ({ kind: DocumentDiagnosticReportKind.Full, items: [] }), async (params, token) => {
      const uri = params.textDocument.uri;
      if (documents.get(uri) === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const { debounceMs } = await settings.get(uri);
      if (!(await scheduler.quiet(uri, debounceMs, token))) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      const generation = settings.generation;
      const settingsOfDocument = await settings.get(uri);
      const document = documents.get(uri);
      if (document === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const lint = lints.lintOf(document, settingsOfDocument, generation);
      // The same lint (same version, same settings) means the same report: the client keeps what it has.
      const resultId = `${session}:${lint.id}`;
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      const items: Diagnostic[] = mapper.toDiagnostics(document, lint);
      if (settingsOfDocument.trace === 'verbose') logger.log(`pull ${uri} v${document.version}: ${items.length} diagnostic(s), ${lint.skipped ?? 'linted'}`);
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    }),
  );

  connection.onCodeAction(
    guard(logger, 'textDocument/codeAction', () => [], async (params) => {
      if (!isRelevant(params.context)) return [];
      const uri = params.textDocument.uri;
      if (documents.get(uri) === undefined) return [];
      const generation = settings.generation;
      const settingsOfDocument = await settings.get(uri);
      // Read after the await: a change that arrived meanwhile makes the request's diagnostics stale, and they are refused.
      const document = documents.get(uri);
      if (document === undefined || !settingsOfDocument.enable) return [];
      const lint = lints.lintOf(document, settingsOfDocument, generation);
      return codeActionsFor({
        document,
        lint,
        context: params.context,
        support,
        fixAllEdits: editsOfFixAll(document, settingsOfDocument),
        relint: relintOf(document, settingsOfDocument),
      });
    }),
  );

  connection.onCodeActionResolve(
    guard(logger, 'codeAction/resolve', (...[action]) => action, async (action) => {
      const data = fixAllDataOf(action);
      if (data === undefined) return action;
      const settingsOfDocument = await settings.get(data.uri);
      const document = documents.get(data.uri);
      return resolveFixAll(action, data, document, support, document === undefined ? () => undefined : editsOfFixAll(document, settingsOfDocument));
    }),
  );

  connection.onHover(
    guard(logger, 'textDocument/hover', () => null, async (params) => {
      const uri = params.textDocument.uri;
      if (documents.get(uri) === undefined) return null;
      const generation = settings.generation;
      const settingsOfDocument = await settings.get(uri);
      const document = documents.get(uri);
      const fileName = document === undefined ? undefined : lintFileName(uri, document.languageId);
      if (document === undefined || fileName === undefined) return null;
      return hovers.hover(document, params.position, lints.lintOf(document, settingsOfDocument, generation), fileName, settingsOfDocument);
    }),
  );

  connection.onExecuteCommand(
    guard(logger, 'workspace/executeCommand', () => null, async (params, token) => {
      if (params.command !== ServerCommands.lintWorkspace) {
        throw new ResponseError(LSPErrorCodes.RequestFailed, `unknown command '${params.command}'`);
      }
      const progress = await connection.window.createWorkDoneProgress().catch(() => silentProgress());
      return lintWorkspace({
        folders: folders.all,
        settingsFor: (folderUri) => settings.get(folderUri),
        generation: () => settings.generation,
        isOpen: (fileUri) => documents.get(fileUri) !== undefined,
        linter,
        mapper,
        publish: (fileUri, diagnostics) => {
          pushedByWorkspaceLint.add(fileUri);
          background(logger, 'publishing diagnostics', connection.sendDiagnostics({ uri: fileUri, diagnostics }));
        },
        progress,
        token,
        log: (message) => logger.warn(message),
      });
    }),
  );

  connection.onShutdown(() => scheduler.dispose());

  documents.listen(connection);
  connection.listen();
}
