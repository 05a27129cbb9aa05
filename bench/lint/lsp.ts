/**
 * The language server, driven like an editor in push mode (no `textDocument.diagnostic` capability, so the server
 * publishes): `node server/bin/poolguard-lsp.js --stdio`, spoken to with vscode-jsonrpc.
 *
 * - Memory: VmRSS of the server process after initialize, and after opening `openFiles` corpus files one after
 *   another (each waited for until its diagnostics arrive); VmHWM (peak) at the end of the session.
 * - Latency: `textDocument/didChange` → `textDocument/publishDiagnostics` for that version, with `debounceMs: 0`
 *   (the lint, not the debounce). Cases are interleaved within each iteration, and after each iteration the same
 *   texts are parsed in this process with `ts.createSourceFile` (the parse floor of exactly that text):
 *   - the 5,000-line file with drivers and the one without, each changed by sending the full text (the trivial
 *     change: the last line `// revision <n>`) and by a one-line incremental change (what editors send);
 *   - a transport baseline: the same 5,000-line text as a JSON document, which the server does not lint but answers
 *     the same way (an empty publish), so round trip, JSON-RPC and document bookkeeping are visible on their own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mayContainConstruction } from 'eslint-plugin-poolguard/prefilter';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

import { lspBinary } from '../common/paths';
import { processMemory, summarize, type Summary } from './measure';
import { timeParse } from './parse-floor';

export interface LspOptions {
  readonly workspaceDirectory: string;
  /** Absolute paths of the corpus files to open for the memory measurement. */
  readonly openFiles: readonly string[];
  readonly largeWithDrivers: string;
  readonly largeWithoutDrivers: string;
  readonly iterations: number;
  readonly warmup: number;
  readonly stderrFile: string;
  readonly log: (line: string) => void;
}

export type LatencyCase = 'driver-full' | 'plain-full' | 'driver-incremental' | 'plain-incremental' | 'transport-full';

export interface LatencyResult {
  readonly case: LatencyCase;
  readonly file: string;
  readonly lines: number;
  readonly bytes: number;
  readonly samplesMs: number[];
  readonly latency: Summary;
  /** ts.createSourceFile of the same text in this process. */
  readonly floorSamplesMs: number[];
  readonly floor: Summary;
  /** latency median ÷ floor median. */
  readonly ratioToFloor: number;
  /** Each change's latency ÷ the floor measured in the same iteration (less sensitive to load drifting over the run). */
  readonly pairedRatioToFloor: Summary;
  /** Diagnostics in the last publish. */
  readonly diagnostics: number;
}

export interface LspResults {
  readonly initializeMs: number;
  readonly rssAfterInitializeKiB: number | undefined;
  readonly open: {
    readonly files: number;
    readonly bytes: number;
    readonly totalMs: number;
    readonly diagnostics: number;
    readonly timeouts: string[];
    readonly rssKiB: number | undefined;
    readonly hwmKiB: number | undefined;
  };
  readonly latency: LatencyResult[];
  /**
   * The prefilter (`mayContainConstruction`) on the text without driver imports, in this process: the part of the
   * server's work on that file that is not transport or document bookkeeping.
   */
  readonly prefilterWithoutDrivers: Summary;
  readonly end: { readonly rssKiB: number | undefined; readonly hwmKiB: number | undefined };
  /** Error and warning log messages of the server (window/logMessage), and the first stderr lines. */
  readonly serverProblems: string[];
  readonly exit: { code: number | null; signal: string | null; clean: boolean };
}

const PUBLISH_TIMEOUT_MS = 60_000;

function languageIdOf(file: string): string {
  switch (path.extname(file)) {
    case '.ts':
    case '.cts':
    case '.mts':
      return 'typescript';
    case '.tsx':
      return 'typescriptreact';
    case '.jsx':
      return 'javascriptreact';
    case '.json':
      return 'json';
    default:
      return 'javascript';
  }
}

interface Published {
  readonly version: number | undefined;
  readonly diagnostics: number;
}

class Client {
  private readonly waiters = new Map<string, (published: Published) => void>();
  private readonly latest = new Map<string, Published>();
  readonly problems: string[] = [];

  constructor(readonly connection: MessageConnection) {
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: unknown[] }) => {
      const published = { version: params.version, diagnostics: params.diagnostics.length };
      this.latest.set(params.uri, published);
      const key = `${params.uri}#${params.version ?? ''}`;
      const waiter = this.waiters.get(key);
      if (waiter !== undefined) {
        this.waiters.delete(key);
        waiter(published);
      }
    });
    connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type <= 2 && this.problems.length < 50) this.problems.push(`${params.type === 1 ? 'error' : 'warning'}: ${params.message.split('\n').slice(0, 3).join(' | ')}`);
    });
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      if (params.type <= 2 && this.problems.length < 50) this.problems.push(`showMessage: ${params.message}`);
    });
    // debounceMs 0: what is measured is the lint, not the debounce.
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ debounceMs: 0 })));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
  }

  /** Resolves when diagnostics for `uri` at `version` are published. */
  published(uri: string, version: number): Promise<Published> {
    return new Promise((resolve, reject) => {
      const key = `${uri}#${version}`;
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(new Error(`no diagnostics for ${uri} v${version} within ${PUBLISH_TIMEOUT_MS} ms`));
      }, PUBLISH_TIMEOUT_MS);
      this.waiters.set(key, (published) => {
        clearTimeout(timer);
        resolve(published);
      });
    });
  }
}

interface OpenDocument {
  readonly uri: string;
  readonly file: string;
  /** Every line but the last (`// revision <n>`). */
  readonly head: string;
  lastLine: string;
  readonly lastLineIndex: number;
  version: number;
}

function splitLastLine(text: string): { head: string; lastLine: string; lastLineIndex: number } {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const cut = body.lastIndexOf('\n');
  return { head: body.slice(0, cut + 1), lastLine: body.slice(cut + 1), lastLineIndex: body.split('\n').length - 1 };
}

function textOf(document: OpenDocument): string {
  return `${document.head}${document.lastLine}\n`;
}

async function stopServer(connection: MessageConnection, child: ChildProcess): Promise<{ code: number | null; signal: string | null; clean: boolean }> {
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let clean = true;
  try {
    await Promise.race([connection.sendRequest('shutdown'), new Promise((_, reject) => setTimeout(() => reject(new Error('shutdown timed out')), 5000))]);
    await connection.sendNotification('exit');
  } catch {
    clean = false;
  }
  const result = await Promise.race([exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5000))]);
  connection.dispose();
  if (result === undefined) {
    clean = false;
    child.kill('SIGKILL');
    return { ...(await exited), clean };
  }
  return { ...result, clean };
}

export async function measureLanguageServer(options: LspOptions): Promise<LspResults> {
  const stderr = fs.openSync(options.stderrFile, 'w');
  const child = spawn(process.execPath, [lspBinary, '--stdio'], { cwd: options.workspaceDirectory, stdio: ['pipe', 'pipe', stderr] });
  fs.closeSync(stderr);
  if (child.stdout === null || child.stdin === null || child.pid === undefined) throw new Error('could not start the language server');
  const pid = child.pid;
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const client = new Client(connection);
  connection.listen();

  const rootUri = pathToFileURL(options.workspaceDirectory).href;
  let started = performance.now();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(options.workspaceDirectory) }],
    capabilities: {
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        synchronization: { dynamicRegistration: false, didSave: true },
      },
      workspace: { configuration: true, workspaceFolders: false },
    },
  });
  await connection.sendNotification('initialized', {});
  const initializeMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 200));
  const rssAfterInitializeKiB = processMemory(pid).rssKiB;

  // Memory after opening the files, one after another, each until its diagnostics arrive.
  const timeouts: string[] = [];
  let bytes = 0;
  let diagnostics = 0;
  started = performance.now();
  for (const file of options.openFiles) {
    const text = fs.readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    const uri = pathToFileURL(file).href;
    const waiting = client.published(uri, 1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: languageIdOf(file), version: 1, text } });
    try {
      diagnostics += (await waiting).diagnostics;
    } catch {
      timeouts.push(path.relative(options.workspaceDirectory, file));
    }
  }
  const openMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const afterOpen = processMemory(pid);
  options.log(`  opened ${options.openFiles.length} files in ${(openMs / 1000).toFixed(1)} s; server RSS ${((afterOpen.rssKiB ?? 0) / 1024).toFixed(0)} MiB`);

  // Latency on the 5,000-line files and the transport baseline.
  const open = async (file: string, uri: string, languageId: string): Promise<OpenDocument> => {
    const text = fs.readFileSync(file, 'utf8');
    const document: OpenDocument = { uri, file, ...splitLastLine(text), version: 1 };
    const waiting = client.published(uri, 1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await waiting;
    return document;
  };
  const driver = await open(options.largeWithDrivers, pathToFileURL(options.largeWithDrivers).href, 'typescript');
  const plain = await open(options.largeWithoutDrivers, pathToFileURL(options.largeWithoutDrivers).href, 'typescript');
  const transportUri = pathToFileURL(path.join(path.dirname(options.largeWithoutDrivers), 'transport-baseline.json')).href;
  const transport = await open(options.largeWithoutDrivers, transportUri, 'json');

  const cases: { name: LatencyCase; document: OpenDocument; incremental: boolean }[] = [
    { name: 'driver-full', document: driver, incremental: false },
    { name: 'plain-full', document: plain, incremental: false },
    { name: 'driver-incremental', document: driver, incremental: true },
    { name: 'plain-incremental', document: plain, incremental: true },
    { name: 'transport-full', document: transport, incremental: false },
  ];
  const samples = new Map<LatencyCase, number[]>(cases.map(({ name }) => [name, []]));
  const lastDiagnostics = new Map<LatencyCase, number>();
  const floorSamples = new Map<OpenDocument, number[]>([
    [driver, []],
    [plain, []],
  ]);

  const change = async (document: OpenDocument, incremental: boolean): Promise<{ ms: number; diagnostics: number }> => {
    document.version++;
    const previousLength = document.lastLine.length;
    document.lastLine = `// revision ${document.version}`;
    const contentChanges = incremental
      ? [{ range: { start: { line: document.lastLineIndex, character: 0 }, end: { line: document.lastLineIndex, character: previousLength } }, text: document.lastLine }]
      : [{ text: textOf(document) }];
    const begin = performance.now();
    const waiting = client.published(document.uri, document.version);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: document.uri, version: document.version }, contentChanges });
    const published = await waiting;
    return { ms: performance.now() - begin, diagnostics: published.diagnostics };
  };

  const prefilterSamples: number[] = [];
  const rounds = options.warmup + options.iterations;
  for (let round = 0; round < rounds; round++) {
    const measured = round >= options.warmup;
    // Rotate the order so no case always follows the same one.
    const order = cases.map((_, index) => cases[(index + round) % cases.length] as (typeof cases)[number]);
    for (const item of order) {
      const { ms, diagnostics: count } = await change(item.document, item.incremental);
      if (measured) samples.get(item.name)?.push(ms);
      lastDiagnostics.set(item.name, count);
    }
    for (const document of [driver, plain]) {
      const ms = timeParse({ fileName: document.file, text: textOf(document) });
      if (measured) floorSamples.get(document)?.push(ms);
    }
    const plainText = textOf(plain);
    const begin = performance.now();
    const skip = !mayContainConstruction(plainText);
    const prefilterMs = performance.now() - begin;
    if (measured && skip) prefilterSamples.push(prefilterMs);
  }
  const end = processMemory(pid);
  const exit = await stopServer(connection, child);

  const stderrLines = fs.existsSync(options.stderrFile) ? fs.readFileSync(options.stderrFile, 'utf8').split('\n').filter((line) => line.trim() !== '') : [];
  const latency: LatencyResult[] = cases.map(({ name, document }) => {
    const values = samples.get(name) ?? [];
    const floorValues = floorSamples.get(document === transport ? plain : document) ?? [];
    const text = textOf(document);
    const latencySummary = summarize(values);
    const floorSummary = summarize(floorValues);
    return {
      case: name,
      file: path.relative(options.workspaceDirectory, document.file),
      lines: text.split('\n').length - 1,
      bytes: Buffer.byteLength(text),
      samplesMs: values,
      latency: latencySummary,
      floorSamplesMs: floorValues,
      floor: floorSummary,
      ratioToFloor: latencySummary.median / floorSummary.median,
      pairedRatioToFloor: summarize(values.map((value, index) => value / (floorValues[index] ?? Number.NaN)).filter((value) => Number.isFinite(value))),
      diagnostics: lastDiagnostics.get(name) ?? 0,
    };
  });
  return {
    initializeMs,
    rssAfterInitializeKiB,
    open: {
      files: options.openFiles.length,
      bytes,
      totalMs: openMs,
      diagnostics,
      timeouts,
      rssKiB: afterOpen.rssKiB,
      hwmKiB: afterOpen.hwmKiB,
    },
    latency,
    prefilterWithoutDrivers: summarize(prefilterSamples),
    end: { rssKiB: end.rssKiB, hwmKiB: end.hwmKiB },
    serverProblems: [...client.problems, ...stderrLines.slice(0, 20).map((line) => `stderr: ${line}`)],
    exit,
  };
}
