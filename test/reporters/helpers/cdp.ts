// Test helper: drives headless Chromium over --remote-debugging-pipe (CDP) to load a page, record every network
// request and console/log error, and take a full-page screenshot. No npm browser package needed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { quietChromiumFlags } from '../../../src/reporters/chromium.js';

export interface PageRun {
  /** Every URL the page asked the network stack for (including the page itself). */
  requests: string[];
  /** Console errors/warnings, uncaught exceptions and browser log entries of level error/warning (CSP reports land here). */
  problems: string[];
  screenshot: Buffer;
  /** Results of the expressions passed in `evaluate`. */
  values: unknown[];
}

interface Message {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { message: string };
  sessionId?: string;
}

class Pipe {
  private nextId = 1;
  private buffer = '';
  private pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  readonly events: Message[] = [];
  private waiters: { method: string; resolve: () => void }[] = [];

  constructor(private readonly out: Writable, input: Readable) {
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const msg = JSON.parse(this.buffer.slice(0, end)) as Message;
        this.buffer = this.buffer.slice(end + 1);
        this.dispatch(msg);
      }
    });
  }

  private dispatch(msg: Message): void {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result);
      return;
    }
    this.events.push(msg);
    this.waiters = this.waiters.filter((w) => {
      if (w.method !== msg.method) return true;
      w.resolve();
      return false;
    });
  }

  send(method: string, params: object = {}, sessionId?: string): Promise<any> {
    const id = this.nextId++;
    const msg = sessionId ? { id, method, params, sessionId } : { id, method, params };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.out.write(`${JSON.stringify(msg)}\0`);
    });
  }

  waitFor(method: string): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ method, resolve }));
  }
}

/** Loads `url` in a fresh headless Chromium, returns requests, problems and a full-page PNG. */
export async function loadPage(chromium: string, url: string, evaluate: string[] = [], width = 1200): Promise<PageRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ukcore-check-cdp-'));
  const child: ChildProcess = spawn(chromium, [...quietChromiumFlags(dir), '--remote-debugging-pipe', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  try {
    const pipe = new Pipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
    const { targetId } = await pipe.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await pipe.send('Target.attachToTarget', { targetId, flatten: true });
    for (const domain of ['Page', 'Network', 'Runtime', 'Log']) await pipe.send(`${domain}.enable`, {}, sessionId);
    await pipe.send('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
    const loaded = pipe.waitFor('Page.loadEventFired');
    await pipe.send('Page.navigate', { url }, sessionId);
    await loaded;
    const values: unknown[] = [];
    for (const expression of evaluate) {
      const r = await pipe.send('Runtime.evaluate', { expression, returnByValue: true }, sessionId);
      values.push(r.result?.value);
    }
    const metrics = await pipe.send('Page.getLayoutMetrics', {}, sessionId);
    const height = Math.min(16000, Math.ceil(metrics.cssContentSize?.height ?? 900));
    await pipe.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
    const shot = await pipe.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, sessionId);
    const requests = pipe.events.filter((e) => e.method === 'Network.requestWillBeSent').map((e) => String(e.params.request.url));
    const problems = pipe.events.flatMap((e) => {
      if (e.method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(e.params.type)) {
        return [`console.${e.params.type}: ${JSON.stringify(e.params.args)}`];
      }
      if (e.method === 'Runtime.exceptionThrown') return [`exception: ${e.params.exceptionDetails?.text}`];
      if (e.method === 'Log.entryAdded' && ['error', 'warning'].includes(e.params.entry.level)) {
        return [`log.${e.params.entry.level}: ${e.params.entry.text}`];
      }
      if (e.method === 'Network.loadingFailed') return [`request failed: ${e.params.errorText} ${e.params.blockedReason ?? ''}`];
      return [];
    });
    await pipe.send('Browser.close').catch(() => undefined);
    return { requests, problems, screenshot: Buffer.from(shot.data, 'base64'), values };
  } finally {
    // Wait for the browser to exit before removing its profile, or it may still be writing there.
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    if (child.exitCode === null) child.kill();
    await exited;
    clearTimeout(timer);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
