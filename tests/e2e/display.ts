/**
 * A real X display for windowed Chromium: the one the tests were started under (xvfb-run),
 * or an Xvfb of our own. Only windowed Chromium with --disable-gpu (and no SwiftShader) has
 * no WebGL at all, as on a machine with a blocklisted GPU; headless Chromium always has it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface Display {
  name: string;
  stop(): void;
}

export const XVFB_MISSING = 'no X display and no Xvfb: install the xvfb package (apt-get install xvfb xauth) or run under xvfb-run';

export function hasDisplaySupport(): boolean {
  return Boolean(process.env.DISPLAY) || spawnSync('sh', ['-c', 'command -v Xvfb'], { stdio: 'ignore' }).status === 0;
}

export async function startDisplay(): Promise<Display> {
  if (process.env.DISPLAY) return { name: process.env.DISPLAY, stop: () => undefined };
  // -displayfd: Xvfb picks a free display number and writes it on stdout once it is ready.
  const xvfb: ChildProcess = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not start within 15 s')), 15_000);
    xvfb.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.trim());
      }
    });
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
  return { name: `:${number}`, stop: () => void xvfb.kill() };
}
