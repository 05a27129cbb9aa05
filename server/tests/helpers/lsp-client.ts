/**
 * A real JSON-RPC client for the real server: spawns `node server/bin/poolguard-lsp.js --stdio` and talks to it as an
 * editor does (initialize with realistic capabilities, answer `workspace/configuration`, apply edits). Waiting is
 * always on a message with a timeout, never on a sleep.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  DiagnosticRefreshRequest,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
  type InitializeResult,
  type LogMessageParams,
  type Position,
  type ProgressToken,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** server/dist/tests/helpers → server/bin/poolguard-lsp.js */
export const LSP_BIN = path.resolve(__dirname, '../../../bin/poolguard-lsp.js');

export const DEFAULT_TIMEOUT_MS = 15_000;

/** A `$/progress` notification (the protocol package types it per progress kind only). */
export interface ProgressParams {
  readonly token: ProgressToken;
  readonly value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean };
}

export interface ClientOptions {
  /** Advertise `textDocument.diagnostic` (pull diagnostics), as VS Code does. Default: push only. */
  readonly pull?: boolean;
  /** `workspace.workspaceEdit.documentChanges`. Default true. */
  readonly documentChanges?: boolean;
  /** `codeAction.resolveSupport.properties: ['edit']`. Default true. */
  readonly resolveEdit?: boolean;
  /** `workspace.configuration`. Default true. */
  readonly configuration?: boolean;
  readonly workspaceFolders?: WorkspaceFolder[];
  /** Extra environment for the server process (e.g. the crash-rule test hook). */
  readonly env?: Readonly<Record<string, string>>;
  /** The `poolguard` section the client answers `workspace/configuration` with, per scope URI. */
  readonly settings?: (scopeUri: string | undefined) => unknown;
  /** `rootUri` of `initialize` (default `null`). */
  readonly rootUri?: string;
  /** Node options before the server script (e.g. `--require <preload>`). Default none. */
  readonly execArgv?: readonly string[];
  /** The server process's working directory. Default: the test runner's. */
  readonly cwd?: string;
}

export function clientCapabilities(options: ClientOptions): ClientCapabilities {
  return {
    general: { positionEncodings: ['utf-16'] },
    window: { workDoneProgress: true, showMessage: {} },
    workspace: {
      applyEdit: true,
      workspaceEdit: { documentChanges: options.documentChanges ?? true },
      didChangeConfiguration: { dynamicRegistration: true },
      configuration: options.configuration ?? true,
      workspaceFolders: true,
      executeCommand: { dynamicRegistration: true },
      ...(options.pull === true ? { diagnostics: { refreshSupport: true } } : {}),
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, didSave: true, willSave: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: {
        dynamicRegistration: true,
        isPreferredSupport: true,
        dataSupport: true,
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll', 'source.organizeImports'] } },
        ...(options.resolveEdit ?? true ? { resolveSupport: { properties: ['edit'] } } : {}),
      },
      hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
      ...(options.pull === true ? { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } } : {}),
    },
  };
}

interface Waiter<T> {
  readonly predicate: (item: T) => boolean;
  readonly resolve: (item: T) => void;
}

/** A list of received messages that tests can wait on. */
class Inbox<T> {
  readonly items: T[] = [];
  private waiters: Waiter<T>[] = [];

  push(item: T): void {
    this.items.push(item);
    const matched = this.waiters.filter((waiter) => waiter.predicate(item));
    this.waiters = this.waiters.filter((waiter) => !matched.includes(waiter));
    for (const waiter of matched) waiter.resolve(item);
  }

  /** The first item from index `since` on that matches, waiting for it up to `timeoutMs`. */
  waitFor(predicate: (item: T) => boolean, since: number, timeoutMs: number, what: string): Promise<T> {
    const existing = this.items.slice(since).find(predicate);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const entry: Waiter<T> = {
        predicate,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      this.waiters.push(entry);
    });
  }
}

export class LspTestClient {
  readonly diagnostics = new Inbox<PublishDiagnosticsParams>();
  readonly logs = new Inbox<LogMessageParams>();
  readonly progress = new Inbox<ProgressParams>();
  readonly configurationRequests = new Inbox<(string | undefined)[]>();
  readonly refreshes = new Inbox<number>();
  readonly progressCreations = new Inbox<string | number>();
  /** Mutable: a settings-change test answers differently after `didChangeConfiguration`. */
  settings: (scopeUri: string | undefined) => unknown;
  initializeResult: InitializeResult | undefined;
  private stderr = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? (() => ({}));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.diagnostics.push(params));
    connection.onNotification(LogMessageNotification.type, (params) => this.logs.push(params));
    connection.onNotification('$/progress', (params: ProgressParams) => this.progress.push(params));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      const scopes = params.items.map((item) => item.scopeUri);
      this.configurationRequests.push(scopes);
      return params.items.map((item) => (item.section === 'poolguard' ? this.settings(item.scopeUri) : null));
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.progressCreations.push(params.token);
    });
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes.push(this.refreshes.items.length + 1);
    });
  }

  static async start(options: ClientOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [...(options.execArgv ?? []), LSP_BIN, '--stdio'], {
      env: { ...process.env, ...options.env },
      stdio: 'pipe',
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection, options);
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: clientCapabilities(options),
      workspaceFolders: options.workspaceFolders ?? null,
      clientInfo: { name: 'poolguard-test-client', version: '1.0.0' },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Whether the server process is still running (a dead server fails every later request anyway). */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get serverStderr(): string {
    return this.stderr;
  }

  /** The server's process id (to read its memory from `/proc/<pid>/status`). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async open(uri: string, text: string, languageId = 'typescript', version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** A full-text change (incremental sync accepts range-less changes). */
  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** `workspace/didChangeConfiguration`; pull-model clients send no settings, push-model ones the whole tree. */
  async changeConfiguration(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** The first published diagnostics for `uri` (from index `since` of all publications on) that match. */
  waitForDiagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true, since = 0, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PublishDiagnosticsParams> {
    return this.diagnostics.waitFor((params) => params.uri === uri && predicate(params), since, timeoutMs, `diagnostics for ${uri}`);
  }

  /** Diagnostics of a given document version (push). */
  diagnosticsOf(uri: string, version: number, since = 0): Promise<Diagnostic[]> {
    return this.waitForDiagnostics(uri, (params) => params.version === version, since).then((params) => params.diagnostics);
  }

  pull(uri: string, previousResultId?: string, token?: CancellationTokenSource): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(
      DocumentDiagnosticRequest.type,
      { textDocument: { uri }, ...(previousResultId === undefined ? {} : { previousResultId }) },
      token?.token,
    );
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const context: CodeActionContext = { diagnostics, ...(only === undefined ? {} : { only }) };
    const actions = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context });
    return (actions ?? []).filter((action): action is CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'));
  }

  resolve(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest(CodeActionResolveRequest.type, action);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  executeCommand(command: string, args: unknown[] = []): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // Already gone; the exit below settles it.
      }
    }
    const timer = setTimeout(() => this.child.kill(), 5_000);
    await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

/** `file:` URI of a (virtual) file under a fake project; the server never reads it. */
export function uriOf(relativePath: string): string {
  return pathToFileURL(path.resolve('/poolguard-test-project', relativePath)).href;
}

/**
 * Applies a WorkspaceEdit for one document to `text`, as an editor would. With `documentChanges` the edit must name
 * `expectedVersion` (the server refuses nothing here; this asserts it targets the text it was computed for).
 */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined, expectedVersion?: number): string {
  if (edit === undefined) throw new Error('the action has no edit');
  let edits: TextEdit[] = [];
  if (edit.documentChanges !== undefined) {
    for (const change of edit.documentChanges) {
      if (!('textDocument' in change)) throw new Error('unexpected resource operation');
      if (change.textDocument.uri !== uri) throw new Error(`edit for another document: ${change.textDocument.uri}`);
      if (expectedVersion !== undefined && change.textDocument.version !== expectedVersion) {
        throw new Error(`edit for version ${String(change.textDocument.version)}, expected ${expectedVersion}`);
      }
      edits = edits.concat(change.edits.filter((item): item is TextEdit => !('annotationId' in item)));
    }
  } else {
    edits = edit.changes?.[uri] ?? [];
  }
  return TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 0, text), edits);
}

/** All TextEdits of an edit (to check their size: minimal edits, not whole-file replacements). */
export function textEditsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (edit?.documentChanges !== undefined) {
    return edit.documentChanges.flatMap((change) => ('textDocument' in change && change.textDocument.uri === uri ? (change.edits as TextEdit[]) : []));
  }
  return edit?.changes?.[uri] ?? [];
}
