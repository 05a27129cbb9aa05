/**
 * Push delivery (`textDocument/publishDiagnostics`) for clients that cannot pull: a document is linted after its
 * debounce (scheduler.ts) and published tagged with the version that was linted. The lint and the send happen in
 * one synchronous step on the document's current text, so a published report is never for an outdated version.
 */
import type { PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import type { DiagnosticMapper } from './diagnostics';
import type { LintCache } from './linting';
import { background, describeError, type Logger } from './logging';
import type { LintScheduler } from './scheduler';
import type { Settings, SettingsStore } from './settings';

export interface PushDiagnosticsContext {
  readonly documents: TextDocuments<TextDocument>;
  readonly settings: SettingsStore;
  readonly scheduler: LintScheduler;
  readonly lints: LintCache;
  readonly mapper: DiagnosticMapper;
  readonly logger: Logger;
  readonly send: (params: PublishDiagnosticsParams) => Promise<void>;
}

export class PushDiagnostics {
  constructor(private readonly context: PushDiagnosticsContext) {}

  /** Lints after the document's debounce, unless a newer change (or its close) takes over `ticket`. */
  async lintLater(uri: string, ticket: number): Promise<void> {
    const { settings, scheduler } = this.context;
    const generation = settings.generation;
    const settingsOfDocument = await settings.get(uri);
    scheduler.schedule(uri, ticket, settingsOfDocument.debounceMs, () => {
      // Runs from a timer, outside every handler's guard.
      try {
        this.publish(uri, settingsOfDocument, generation);
      } catch (error) {
        this.context.logger.error(`PoolGuard: linting ${uri} failed: ${describeError(error)}`);
      }
    });
  }

  /** Settings changed: every open document is linted again, without waiting for a debounce. */
  relintAll(): void {
    const { documents, scheduler, logger } = this.context;
    for (const document of documents.all()) background(logger, `linting ${document.uri}`, this.lintLater(document.uri, scheduler.renew(document.uri)));
  }

  clear(uri: string): void {
    background(this.context.logger, 'clearing diagnostics', this.context.send({ uri, diagnostics: [] }));
  }

  private publish(uri: string, settingsOfDocument: Settings, generation: number): void {
    const { documents, lints, mapper, logger } = this.context;
    const document = documents.get(uri);
    if (document === undefined) return;
    const started = performance.now();
    const lint = lints.lintOf(document, settingsOfDocument, generation);
    const diagnostics = mapper.toDiagnostics(document, lint);
    if (settingsOfDocument.trace === 'verbose') {
      logger.log(`lint ${uri} v${document.version}: ${diagnostics.length} diagnostic(s), ${lint.skipped ?? 'linted'} in ${Math.round(performance.now() - started)} ms`);
    }
    background(logger, 'publishing diagnostics', this.context.send({ uri, version: document.version, diagnostics }));
  }
}
