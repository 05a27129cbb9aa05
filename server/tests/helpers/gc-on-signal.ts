/**
 * A preload for memory tests: `node --expose-gc --require <this file> server.js`. On SIGUSR2 the process runs two full
 * garbage collections (the second after a moment, once concurrent sweeping of the first has finished), so a test can
 * read the process's memory without the garbage that an idle V8 would otherwise keep until its next major GC.
 * It changes nothing else in the process.
 */
const collect = (globalThis as { gc?: () => void }).gc;

process.on('SIGUSR2', () => {
  collect?.();
  setTimeout(() => collect?.(), 200).unref();
});
