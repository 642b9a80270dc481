// Runs a TypeScript script in a child process (`node --import tsx`) and SIGKILLs it `killAfterMs`
// after it prints "ready": what the crash tests do to a till. Bounded: killed anyway after 20 s.
import { spawn } from 'node:child_process';

export function runUntilKilled(script: string, args: string[], killAfterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`child ended without the kill: ${stderr.slice(0, 800)}`));
    });
  });
}
